import * as migration_20261128_122023_users_roles_index from './20261128_122023_users_roles_index'
import * as migration_20261128_125346_seed_sections_and_directory from './20261128_125346_seed_sections_and_directory'
import * as migration_20261128_160000_build_search_index from './20261128_160000_build_search_index'
import * as migration_20261128_180000_backfill_article_workflow from './20261128_180000_backfill_article_workflow'
import * as migration_20261201_120000_build_section_shelves from './20261201_120000_build_section_shelves'
import * as migration_20261202_090000_localize_media_alt from './20261202_090000_localize_media_alt'
import * as migration_20261202_091000_seed_journal_title from './20261202_091000_seed_journal_title'

export const migrations = [
  {
    down: migration_20261128_122023_users_roles_index.down,
    name: '20261128_122023_users_roles_index',
    up: migration_20261128_122023_users_roles_index.up,
  },
  {
    down: migration_20261128_125346_seed_sections_and_directory.down,
    name: '20261128_125346_seed_sections_and_directory',
    up: migration_20261128_125346_seed_sections_and_directory.up,
  },
  {
    down: migration_20261128_160000_build_search_index.down,
    name: '20261128_160000_build_search_index',
    up: migration_20261128_160000_build_search_index.up,
  },
  {
    down: migration_20261128_180000_backfill_article_workflow.down,
    name: '20261128_180000_backfill_article_workflow',
    up: migration_20261128_180000_backfill_article_workflow.up,
  },
  {
    down: migration_20261201_120000_build_section_shelves.down,
    name: '20261201_120000_build_section_shelves',
    up: migration_20261201_120000_build_section_shelves.up,
  },
  {
    down: migration_20261202_090000_localize_media_alt.down,
    name: '20261202_090000_localize_media_alt',
    up: migration_20261202_090000_localize_media_alt.up,
  },
  {
    down: migration_20261202_091000_seed_journal_title.down,
    name: '20261202_091000_seed_journal_title',
    up: migration_20261202_091000_seed_journal_title.up,
  },
]

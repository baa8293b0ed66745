import * as migration_20261128_122023_users_roles_index from './20261128_122023_users_roles_index'

export const migrations = [
  {
    down: migration_20261128_122023_users_roles_index.down,
    name: '20261128_122023_users_roles_index',
    up: migration_20261128_122023_users_roles_index.up,
  },
]

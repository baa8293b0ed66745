import type { Access, CollectionConfig, Config, GlobalConfig, Plugin } from 'payload'

import { appendCollectionHooks } from '../lib/pluginParts'
import { can } from '../policy/roles'
import { emptyFieldsTheVersionLacked, recordGlobalRestoredBy, recordGlobalUpdatedBy, recordUpdatedBy } from './recordUpdatedBy'
import { readHistoryEnvironment } from './settings'
import { updatedByField } from './updatedByField'

const VERSION_HISTORY_VIEW = '/history/VersionHistory#VersionHistory'

/**
 * Readers never see versions, whatever a collection declares: anonymous
 * visitors and the website's API key are refused before its own rule asks.
 */
function staffOnly(declared: Access): Access {
  return (args) => (can(args.req.user, 'useAdmin') ? declared(args) : false)
}

type EditViews = NonNullable<NonNullable<NonNullable<NonNullable<CollectionConfig['admin']>['components']>['views']>['edit']>

/** The Versions tab with who saved each version, unless the config replaces the document's views already. */
function withVersionsView(edit: EditViews | undefined): EditViews {
  if (edit && ('root' in edit && edit.root || 'versions' in edit && edit.versions)) return edit
  return { ...edit, versions: { Component: VERSION_HISTORY_VIEW } } as EditViews
}

function declaredReadVersions(kind: string, slug: string, access: Access | undefined): Access {
  if (!access) {
    throw new Error(`The ${kind} "${slug}" keeps versions but does not say who may read them: set access.readVersions`)
  }
  return access
}

function withCollectionHistory(collection: CollectionConfig, maxPerDoc: number): CollectionConfig {
  if (!collection.versions) return collection
  const readVersions = declaredReadVersions('collection', collection.slug, collection.access?.readVersions)
  const versions = typeof collection.versions === 'object' ? collection.versions : {}
  const views = collection.admin?.components?.views
  const withFields: CollectionConfig = {
    ...collection,
    access: { ...collection.access, readVersions: staffOnly(readVersions) },
    admin: {
      ...collection.admin,
      components: {
        ...collection.admin?.components,
        views: { ...views, edit: withVersionsView(views?.edit) },
      },
    },
    fields: [...collection.fields, updatedByField()],
    versions: { ...versions, maxPerDoc },
  }
  return appendCollectionHooks(withFields, { beforeChange: [emptyFieldsTheVersionLacked, recordUpdatedBy] })
}

function withGlobalHistory(global: GlobalConfig, max: number): GlobalConfig {
  if (!global.versions) return global
  const readVersions = declaredReadVersions('global', global.slug, global.access?.readVersions)
  const versions = typeof global.versions === 'object' ? global.versions : {}
  const views = global.admin?.components?.views
  return {
    ...global,
    access: { ...global.access, readVersions: staffOnly(readVersions) },
    admin: {
      ...global.admin,
      components: {
        ...global.admin?.components,
        views: { ...views, edit: withVersionsView(views?.edit) },
      },
    },
    fields: [...global.fields, updatedByField()],
    hooks: {
      ...global.hooks,
      afterChange: [...(global.hooks?.afterChange ?? []), recordGlobalRestoredBy],
      beforeChange: [...(global.hooks?.beforeChange ?? []), recordGlobalUpdatedBy],
    },
    versions: { ...versions, max },
  }
}

/**
 * The history of every record: each collection and global that keeps
 * versions (it says so with `versions` and who reads them with
 * `access.readVersions`, in its own config) gets them bounded by
 * VERSIONS_MAX_PER_DOC, an `updatedBy` field naming who saved each version,
 * and a Versions tab that shows it. Restoring a version is an update, so the
 * collection's `update` access decides who may restore. See docs/history.md.
 */
export function historyPlugin(): Plugin {
  return (config: Config): Config => {
    const { maxVersionsPerDocument } = readHistoryEnvironment()
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) => withCollectionHistory(collection, maxVersionsPerDocument)),
      globals: (config.globals ?? []).map((global) => withGlobalHistory(global, maxVersionsPerDocument)),
    }
  }
}

import type { CollectionConfig, Config, Endpoint, GlobalConfig, TaskConfig } from 'payload'

export type CollectionHooks = NonNullable<CollectionConfig['hooks']>

/**
 * The collection with `added` hooks after its own, kind by kind: how a
 * capability's plugin joins the collections that take part in it. Hooks run
 * in list order, so a plugin registered later runs its hooks later.
 */
export function appendCollectionHooks(collection: CollectionConfig, added: CollectionHooks): CollectionConfig {
  const hooks: CollectionHooks = { ...collection.hooks }
  for (const kind of Object.keys(added) as (keyof CollectionHooks)[]) {
    const more = added[kind] as unknown[] | undefined
    if (!more?.length) continue
    ;(hooks as Record<string, unknown[]>)[kind] = [...((hooks[kind] as unknown[] | undefined) ?? []), ...more]
  }
  return { ...collection, hooks }
}

/**
 * What a capability's plugin may add to the config, each through one of the
 * functions below, so every plugin joins the config the same way.
 */

/** Adds REST endpoints under /api (after those already there). */
export function addEndpoints(config: Config, endpoints: Endpoint[]): Config {
  return { ...config, endpoints: [...(config.endpoints ?? []), ...endpoints] }
}

/** Adds collections of the capability's own (after the journal's). */
export function addCollections(config: Config, collections: CollectionConfig[]): Config {
  return { ...config, collections: [...(config.collections ?? []), ...collections] }
}

/** Changes the collections with the given slugs (others are left as they are). */
export function changeCollections(config: Config, change: (collection: CollectionConfig) => CollectionConfig): Config {
  return { ...config, collections: (config.collections ?? []).map(change) }
}

/** Changes the globals (a change returns the ones it leaves alone as they are). */
export function changeGlobals(config: Config, change: (global: GlobalConfig) => GlobalConfig): Config {
  return { ...config, globals: (config.globals ?? []).map(change) }
}

/** Adds endpoints to one collection, under /api/<slug>/… */
export function withCollectionEndpoints(collection: CollectionConfig, endpoints: Endpoint[]): CollectionConfig {
  return { ...collection, endpoints: [...(collection.endpoints || []), ...endpoints] }
}

type GraphqlQueries = NonNullable<NonNullable<Config['graphQL']>['queries']>

/** Adds root query fields to the GraphQL schema, beside those other plugins added. */
export function addGraphqlQueries(config: Config, queries: GraphqlQueries): Config {
  const before = config.graphQL?.queries
  return {
    ...config,
    graphQL: {
      ...config.graphQL,
      queries: (GraphQL, payload) => ({ ...before?.(GraphQL, payload), ...queries(GraphQL, payload) }),
    },
  }
}

/** Adds tasks to Payload's jobs queue. */
export function addJobTasks(config: Config, tasks: TaskConfig[]): Config {
  return { ...config, jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), ...tasks] } as NonNullable<Config['jobs']> }
}

type AutoRun = Extract<NonNullable<NonNullable<Config['jobs']>['autoRun']>, unknown[]>[number]

/** Adds a schedule entry for one queue to the jobs queue's auto-run (the server runs it). */
export function addJobsAutoRun(config: Config, entry: AutoRun): Config {
  const autoRun = config.jobs?.autoRun
  if (typeof autoRun === 'function') throw new Error('jobs.autoRun is a function: add the entry there')
  return { ...config, jobs: { ...config.jobs, autoRun: [...(autoRun ?? []), entry] } as NonNullable<Config['jobs']> }
}

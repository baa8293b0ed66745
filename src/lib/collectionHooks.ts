import type { CollectionConfig } from 'payload'

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

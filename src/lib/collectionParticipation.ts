import type { CollectionConfig } from 'payload'

/**
 * What a collection says about itself, in its config's `custom`, for the
 * capabilities that join every collection unless told otherwise: the
 * declaration lives with the collection, not in a list kept by the capability.
 */
export type CollectionParticipation = {
  /**
   * false: no answer readers can get ever shows a document of this
   * collection (accounts, imports, webhook settings and logs, derived data),
   * so its saves leave the content state, and the answers remembered for
   * it, as they are (src/contentState/). Default true.
   */
  readerContent?: boolean
}

/** The declaration to put in a collection's `custom`. */
export function participation(declared: CollectionParticipation): { participation: CollectionParticipation } {
  return { participation: declared }
}

/** What the collection declared, with Payload's own bookkeeping collections (`payload-…`) never reader content. */
export function participationOf(collection: Pick<CollectionConfig, 'custom' | 'slug'>): Required<CollectionParticipation> {
  const declared = (collection.custom as { participation?: CollectionParticipation } | undefined)?.participation ?? {}
  return { readerContent: declared.readerContent ?? !collection.slug.startsWith('payload-') }
}

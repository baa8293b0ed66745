import type { CollectionBeforeChangeHook } from 'payload'

import type { Section } from '../../../src/payload-types'

type ParentValue = Section['parent'] | undefined

function parentId(parent: ParentValue): null | string {
  if (!parent) return null
  return typeof parent === 'object' ? parent.id : parent
}

/**
 * A section is shown to readers when it is active and so is every section
 * above it: an inactive parent hides its whole branch (its title would
 * otherwise show in the children's breadcrumbs). When a parent changes, the
 * nested-docs plugin saves its children again, so the flag follows down the tree.
 */
export const setShownToReaders: CollectionBeforeChangeHook<Section> = async ({ data, originalDoc, req }) => {
  const active = data.active ?? originalDoc?.active ?? true
  const parent = parentId('parent' in data ? data.parent : originalDoc?.parent)
  let parentShown = true
  if (active && parent) {
    const parentSection = await req.payload.findByID({
      collection: 'sections',
      depth: 0,
      disableErrors: true,
      id: parent,
      overrideAccess: true,
      req,
      select: { shownToReaders: true },
    })
    parentShown = parentSection?.shownToReaders !== false
  }
  return { ...data, shownToReaders: active && parentShown }
}

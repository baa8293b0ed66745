import type { CollectionAfterReadHook, Field } from 'payload'

type ArrayWithReadAccess = Extract<Field, { type: 'array' }> & { access: { read: NonNullable<NonNullable<Extract<Field, { type: 'array' }>['access']>['read']> } }

const hasReadAccess = (field: Field): field is ArrayWithReadAccess => field.type === 'array' && typeof field.access?.read === 'function'

/**
 * Payload leaves an array field the caller may not read in the answer as
 * `[]` (it removes the rows, then fills in an empty list), so readers were
 * sent `reviewComments: []`. This takes such arrays out of the answer
 * entirely, by the field's own read access.
 */
export const leaveOutUnreadableArrays: CollectionAfterReadHook = async ({ collection, doc, overrideAccess, req }) => {
  if (overrideAccess || !doc || typeof doc !== 'object') return doc
  for (const field of collection.fields.filter(hasReadAccess)) {
    if (!(field.name in doc)) continue
    const allowed = await field.access.read({ data: doc, doc, id: doc.id, req, siblingData: doc })
    if (!allowed) delete doc[field.name]
  }
  return doc
}

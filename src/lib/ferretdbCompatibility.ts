import type { Schema } from 'mongoose'

/**
 * FerretDB v1 refuses `findAndModify` with a projection ("fields": not
 * implemented), which Payload sends when it updates one document and asks for
 * a few fields back (e.g. counting failed logins). Without the projection the
 * whole document comes back, and Payload picks what it asked for.
 */
export function omitProjectionInFindAndModify(schema: Schema): void {
  schema.pre(['findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace'], function () {
    this.projection(null)
  })
}

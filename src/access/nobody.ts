import type { FieldAccess } from 'payload'

/** For fields only code may write (migrations, hooks): no request can set them. */
export const nobodyField: FieldAccess = () => false

import { FieldLabel } from '@payloadcms/ui'
import type { ServerComponentProps } from 'payload'
import React from 'react'

import { accountNames, referenceId, savedByLabel } from './accountNames'
import { UPDATED_BY } from './updatedByField'

/**
 * "Last saved by" in a record's sidebar: the account's name, which staff
 * who may not read other accounts would otherwise see as an id. Read-only:
 * the CMS sets the field (./recordUpdatedBy.ts).
 */
export async function SavedByField({ data, payload, req }: ServerComponentProps) {
  if (!data?.id && !data?.updatedAt) return null
  const id = referenceId(data?.[UPDATED_BY])
  const names = await accountNames(payload, [id], req)
  return (
    <div className="field-type saved-by-field">
      <FieldLabel label="Last saved by" />
      <div className="saved-by-field__value">{savedByLabel(id, names)}</div>
    </div>
  )
}

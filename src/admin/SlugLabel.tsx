'use client'
import { FieldLabel } from '@payloadcms/ui'
import type { TextFieldLabelClientComponent } from 'payload'
import React from 'react'

/**
 * The slug's label without the "required" mark: every saved document has a
 * slug, but the editor need not type one, it is filled in from the title.
 */
export const SlugLabel: TextFieldLabelClientComponent = ({ field, path }) => (
  <FieldLabel label={field?.label || 'Slug'} path={path} required={false} />
)

'use client'
import type { CheckboxFieldClient, DefaultCellComponentProps } from 'payload'
import React from 'react'

type Props = DefaultCellComponentProps<CheckboxFieldClient> & { no?: string; yes?: string }

/**
 * A checkbox column of a list view in words ("Shown", "Hidden") instead of
 * Payload's raw `true` / `false`. The words come from the field's
 * `admin.components.Cell.clientProps`.
 */
export function BooleanCell({ cellData, no = 'No', yes = 'Yes' }: Props) {
  return <span className={`boolean-cell boolean-cell--${cellData ? 'yes' : 'no'}`}>{cellData ? yes : no}</span>
}

'use client'
import { useLocale } from '@payloadcms/ui'
import React from 'react'

import './writingLanguage.scss'

/**
 * Beside the Save button of every document with translated fields: the
 * language the editor is writing in, always in view. Switch it with the
 * Locale menu at the top of the page.
 */
export function WritingLanguage() {
  const { code, label } = useLocale()
  if (!code) return null
  const name = typeof label === 'string' ? label : code
  return (
    <span className={`writing-language writing-language--${code}`} data-locale={code} title="The language of the translated fields below; change it with the Locale menu at the top">
      Writing in <strong>{name}</strong>
    </span>
  )
}

import type { FieldHook, TextField } from 'payload'

import { SLUG_PATTERN, slugify } from '../lib/slugify'

type LocalizedValue = string | Record<string, string | null | undefined> | null | undefined

/** The English text of a (possibly localized) title, else the Chinese, else any. */
function preferredTitle(value: LocalizedValue): string | undefined {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object') return value.en || value.zh || Object.values(value).find(Boolean) || undefined
  return undefined
}

/**
 * A unique URL slug, filled in from the title when left empty: from the
 * title in the language the document is created in (English, or the pinyin of
 * a Chinese title). One slug serves both languages. Editors can set or change
 * it; it must be lower-case words joined by hyphens.
 */
export function slugField(sourceField = 'title'): TextField {
  const fillFromTitle: FieldHook = ({ data, originalDoc, value }) => {
    if (typeof value === 'string' && value.trim()) return value.trim()
    if (originalDoc?.slug) return originalDoc.slug
    const title = preferredTitle(data?.[sourceField] as LocalizedValue)
    return title ? slugify(title) : value
  }

  return {
    name: 'slug',
    type: 'text',
    admin: {
      description: 'Part of the page address. Filled in from the title when left empty; lower-case words joined by hyphens.',
      position: 'sidebar',
    },
    hooks: { beforeValidate: [fillFromTitle] },
    index: true,
    required: true,
    unique: true,
    validate: (value: null | string | undefined) => {
      if (!value) return 'A slug is required: enter one, or a title it can be made from'
      if (!SLUG_PATTERN.test(value)) {
        return 'Use lower-case letters, digits and single hyphens only, e.g. "us-japan-alliance"'
      }
      return true
    },
  }
}

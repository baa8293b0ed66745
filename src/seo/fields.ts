import type { Field, GroupField, TextFieldSingleValidation } from 'payload'

import { SEARCH_META_FIELD } from '../policy/searchEngines'
import { DESCRIPTION_WIDTH, TITLE_WIDTH } from './displayWidth'

/** What the search-and-sharing fields of one kind of page fall back to, in the editors' words. */
export type SeoDefaults = {
  description: string
  image: string
  noindex: string
  title: string
}

/** The longest meta title and description stored: far beyond what a result shows, so only a pasted text is refused. */
export const MAX_META_TITLE_LENGTH = 300
export const MAX_META_DESCRIPTION_LENGTH = 1000

const LENGTH_GUIDANCE = '/seo/admin/LengthGuidance#LengthGuidance'

/** Why a canonical address cannot be used, or undefined when it can: an absolute http(s) URL. */
export function canonicalUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter an absolute address starting with https:// (or http://), e.g. https://www.example.org/en/articles/some-article'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `The canonical address must start with https:// or http:// (got "${url.protocol}")`
  if (!url.hostname) return 'The canonical address must name a host, e.g. https://www.example.org/…'
  if (/\s/.test(value)) return 'The canonical address must not contain spaces'
  if (value.length > 2000) return 'The canonical address must be at most 2000 characters long'
  return undefined
}

const validateCanonical: TextFieldSingleValidation = (value) => (value ? (canonicalUrlProblem(value) ?? true) : true)

/**
 * The search-and-sharing group of one kind of page, in every language
 * (`meta`): meta title and description (with length guidance as the editor
 * types), share image, canonical address and "hide from search engines".
 * Localized as a whole, so a language never shows another one's title or
 * description: what is empty falls back to that language's own content
 * (src/seo/pageSeo.ts).
 */
export function searchAndSharingField(defaults: SeoDefaults): GroupField {
  const fields: Field[] = [
    {
      name: 'title',
      type: 'text',
      admin: {
        components: { afterInput: [{ clientProps: { ideal: TITLE_WIDTH.ideal }, path: LENGTH_GUIDANCE }] },
        description: `The title in search results and when shared. Empty: ${defaults.title}.`,
      },
      label: 'Meta title',
      maxLength: MAX_META_TITLE_LENGTH,
    },
    {
      name: 'description',
      type: 'textarea',
      admin: {
        components: { afterInput: [{ clientProps: { ideal: DESCRIPTION_WIDTH.ideal }, path: LENGTH_GUIDANCE }] },
        description: `The text under the title in search results and when shared. Empty: ${defaults.description}.`,
        rows: 3,
      },
      label: 'Meta description',
      maxLength: MAX_META_DESCRIPTION_LENGTH,
    },
    {
      name: 'image',
      type: 'upload',
      admin: { description: `Shown when the page is shared, cropped to 1200 × 630 around its focal point. Empty: ${defaults.image}.` },
      filterOptions: { mimeType: { contains: 'image/' } },
      label: 'Share image',
      relationTo: 'media',
    },
    {
      name: 'canonical',
      type: 'text',
      admin: { description: 'Only when another address is the original of this page (e.g. where it was first published). Empty: this page’s own address on the website.' },
      label: 'Canonical address',
      validate: validateCanonical,
    },
    {
      name: 'noindex',
      type: 'checkbox',
      admin: { description: defaults.noindex },
      defaultValue: false,
      label: 'Hide from search engines',
    },
  ]
  return {
    name: SEARCH_META_FIELD,
    type: 'group',
    admin: { description: 'How this page shows in search results and when it is shared, in the language being edited.' },
    fields,
    label: 'Search and sharing',
    localized: true,
  }
}

import { DEFAULT_WEBSITE_PATH_TEMPLATES, type WebsitePathTemplates } from '../lib/websitePaths'

/**
 * Where the website shows a draft for preview, per collection, as path
 * templates on WEBSITE_URL. Placeholders: `{token}` (the preview token, always
 * required), `{locale}`, `{id}`, `{slug}` and, for sections, `{path}` (the
 * slugs from the top section down, e.g. `journals/master-forum`). Unlike the
 * page templates, a preview template may have a query string, e.g.
 * `/api/draft?token={token}&collection=articles&slug={slug}`. Every value is
 * URL-encoded. Set through WEBSITE_*_PREVIEW_PATH (see src/settings/environment.ts);
 * by default the collection's page template with `?preview={token}`.
 */

export const PREVIEW_COLLECTIONS = ['articles', 'authors', 'sections'] as const

export type PreviewCollection = (typeof PREVIEW_COLLECTIONS)[number]

export function isPreviewCollection(value: unknown): value is PreviewCollection {
  return (PREVIEW_COLLECTIONS as readonly unknown[]).includes(value)
}

/** The environment variable that sets each collection's preview template. */
export const PREVIEW_PATH_VARIABLES: Record<PreviewCollection, string> = {
  articles: 'WEBSITE_ARTICLE_PREVIEW_PATH',
  authors: 'WEBSITE_AUTHOR_PREVIEW_PATH',
  sections: 'WEBSITE_SECTION_PREVIEW_PATH',
}

/** The value of a WEBSITE_*_PREVIEW_PATH that turns preview off for its collection. */
export const PREVIEW_OFF = 'off'

const PAGE_OF: Record<PreviewCollection, keyof WebsitePathTemplates> = {
  articles: 'article',
  authors: 'author',
  sections: 'section',
}

/** The default preview template: the collection's page on the website, with the token as `preview`. */
export function defaultPreviewPathTemplate(collection: PreviewCollection, pages: WebsitePathTemplates = DEFAULT_WEBSITE_PATH_TEMPLATES): string {
  return `${pages[PAGE_OF[collection]]}?preview={token}`
}

const ALLOWED: Record<PreviewCollection, string[]> = {
  articles: ['id', 'locale', 'slug', 'token'],
  authors: ['id', 'locale', 'slug', 'token'],
  sections: ['id', 'locale', 'path', 'slug', 'token'],
}

/** At least one of these names the document. */
const IDENTIFYING: Record<PreviewCollection, string[]> = {
  articles: ['id', 'slug'],
  authors: ['id', 'slug'],
  sections: ['id', 'path', 'slug'],
}

const PLACEHOLDER = /\{([^{}]*)\}/g

const list = (names: string[]) => names.map((name) => `{${name}}`).join(', ')

/** Why a template cannot be used for a collection's preview, or undefined when it can. */
export function previewPathTemplateProblem(collection: PreviewCollection, template: string): string | undefined {
  if (!template.startsWith('/')) return `must be a path starting with "/" (got "${template}")`
  if (/[#\s]/.test(template)) return `must be a path (and query) without a fragment or spaces (got "${template}")`
  const used = [...template.matchAll(PLACEHOLDER)].map((match) => match[1])
  const unknown = used.find((name) => !ALLOWED[collection].includes(name))
  if (unknown !== undefined) return `has an unknown placeholder {${unknown}} (allowed: ${list(ALLOWED[collection])})`
  if (!used.includes('token')) return `must contain {token}, where the website receives the preview token (got "${template}")`
  if (!IDENTIFYING[collection].some((name) => used.includes(name))) {
    return `must contain ${IDENTIFYING[collection].map((name) => `{${name}}`).join(' or ')} to name the document (got "${template}")`
  }
  return undefined
}

export type PreviewPathValues = {
  id: string
  locale: string
  /** For sections: the breadcrumb URL, e.g. `/journals/master-forum`. */
  path?: string
  slug: string
  token: string
}

/** Fills a (valid) template; each value is URL-encoded, `{path}` segment by segment. */
export function fillPreviewPath(template: string, values: PreviewPathValues): string {
  const encoded: Record<string, string> = {
    id: encodeURIComponent(values.id),
    locale: encodeURIComponent(values.locale),
    path: (values.path ?? values.slug).split('/').filter(Boolean).map(encodeURIComponent).join('/'),
    slug: encodeURIComponent(values.slug),
    token: encodeURIComponent(values.token),
  }
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => encoded[name] ?? '')
  const queryAt = filled.indexOf('?')
  const path = queryAt === -1 ? filled : filled.slice(0, queryAt)
  const query = queryAt === -1 ? '' : filled.slice(queryAt)
  // An empty value (a site without language prefixes) leaves no double or trailing slash behind.
  return `${path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')}${query}`
}

/**
 * Where the website shows each kind of page, as path templates: what change
 * notifications (and feeds, sitemaps) name when they point at a page.
 * Placeholders: `{locale}` (en, zh), `{slug}` (the document's slug) and, for
 * sections, `{path}` (the slugs from the top section down, e.g.
 * `journals/master-forum`). Set through WEBSITE_*_PATH (see
 * src/settings/environment.ts).
 */

export const WEBSITE_PAGES = ['home', 'article', 'section', 'author', 'contact'] as const

export type WebsitePage = (typeof WEBSITE_PAGES)[number]

export type WebsitePathTemplates = Record<WebsitePage, string>

export const DEFAULT_WEBSITE_PATH_TEMPLATES: WebsitePathTemplates = {
  article: '/{locale}/articles/{slug}',
  author: '/{locale}/authors/{slug}',
  contact: '/{locale}/contact',
  home: '/{locale}',
  section: '/{locale}/sections/{path}',
}

/** The environment variable that sets each template. */
export const WEBSITE_PATH_VARIABLES: Record<WebsitePage, string> = {
  article: 'WEBSITE_ARTICLE_PATH',
  author: 'WEBSITE_AUTHOR_PATH',
  contact: 'WEBSITE_CONTACT_PATH',
  home: 'WEBSITE_HOME_PATH',
  section: 'WEBSITE_SECTION_PATH',
}

const PLACEHOLDERS: Record<WebsitePage, { allowed: string[]; required: string[] }> = {
  article: { allowed: ['locale', 'slug'], required: ['slug'] },
  author: { allowed: ['locale', 'slug'], required: ['slug'] },
  contact: { allowed: ['locale'], required: [] },
  home: { allowed: ['locale'], required: [] },
  section: { allowed: ['locale', 'path', 'slug'], required: [] },
}

const PLACEHOLDER = /\{([^{}]*)\}/g

/** Why a template cannot be used for a page, or undefined when it can. */
export function websitePathTemplateProblem(page: WebsitePage, template: string): string | undefined {
  const { allowed, required } = PLACEHOLDERS[page]
  const list = (names: string[]) => names.map((name) => `{${name}}`).join(', ')
  if (!template.startsWith('/')) return `must be a path starting with "/" (got "${template}")`
  if (/[?#\s]/.test(template)) return `must be a path without a query, fragment or spaces (got "${template}")`
  const used = [...template.matchAll(PLACEHOLDER)].map((match) => match[1])
  const unknown = used.find((name) => !allowed.includes(name))
  if (unknown !== undefined) return `has an unknown placeholder {${unknown}} (allowed: ${list(allowed)})`
  const missing = required.filter((name) => !used.includes(name))
  if (missing.length) return `must contain ${list(missing)} (got "${template}")`
  if (page === 'section' && !used.includes('path') && !used.includes('slug')) {
    return `must contain {path} or {slug} (got "${template}")`
  }
  return undefined
}

function fill(template: string, values: Record<string, string>): string {
  const path = template.replace(PLACEHOLDER, (_match, name: string) => values[name] ?? '')
  // An empty value (e.g. a site without language prefixes) leaves no double or trailing slash behind.
  return path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean)
}

export type WebsitePaths = {
  article(locale: string, slug: string): string
  author(locale: string, slug: string): string
  contact(locale: string): string
  home(locale: string): string
  /** `sectionPath` is the section's breadcrumb URL, e.g. `/journals/master-forum`. */
  section(locale: string, sectionPath: string): string
}

/** Builds website paths from templates; slugs and path segments are URL-encoded. */
export function websitePaths(templates: WebsitePathTemplates = DEFAULT_WEBSITE_PATH_TEMPLATES): WebsitePaths {
  const encoded = (value: string) => encodeURIComponent(value)
  return {
    article: (locale, slug) => fill(templates.article, { locale: encoded(locale), slug: encoded(slug) }),
    author: (locale, slug) => fill(templates.author, { locale: encoded(locale), slug: encoded(slug) }),
    contact: (locale) => fill(templates.contact, { locale: encoded(locale) }),
    home: (locale) => fill(templates.home, { locale: encoded(locale) }),
    section: (locale, sectionPath) => {
      const parts = segments(sectionPath).map(encoded)
      return fill(templates.section, { locale: encoded(locale), path: parts.join('/'), slug: parts.at(-1) ?? '' })
    },
  }
}

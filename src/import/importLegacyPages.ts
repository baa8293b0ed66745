import path from 'node:path'
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  ValidationError,
  type Payload,
  type PayloadRequest,
  type TypedUser,
} from 'payload'

import { decodePage } from './decodePage'
import { importArticle, previouslyImported } from './importArticle'
import { importAuthors } from './importAuthors'
import { IMPORT_CONTEXT, PlannedDocuments, type ImportContext } from './importContext'
import { importDirectory } from './importDirectory'
import { countResults, type ImportReport, type PageResult } from './importReport'
import { importSectionPath } from './importSections'
import { PageError } from './pageError'
import { parseLegacyPage } from './parseLegacyPage'
import type { DirectoryListing, LegacyPage, PageLocale } from './types'

/** A saved page to import: its name (a file path, or a path inside a zip) and its bytes. */
export type ImportSource = { bytes: Uint8Array; name: string }

export type ImportProgress = {
  current: string
  done: number
  totals: ReturnType<typeof countResults>
  total: number
}

export type ImportOptions = {
  /** Read and match everything, write nothing: the report says what would be created or changed. */
  dryRun?: boolean
  onProgress?: (progress: ImportProgress) => Promise<void> | void
  /** Names of sources that are the English and the Chinese page of one article (either order). */
  pairs?: readonly (readonly [string, string])[]
  /** Publish what is imported; otherwise new and changed articles are drafts. */
  publish?: boolean
  /** Who runs the import (the admin who uploaded the pages), for the requests the writes are made in. */
  user?: TypedUser
}

type Unit = { sources: ImportSource[] } | { error: string; names: string[] }

const LOCALE_NAMES: Record<PageLocale, string> = { en: 'English', zh: 'Chinese' }

/** A source named as given, or by its file name when that is unambiguous. */
function findSource(sources: readonly ImportSource[], name: string): ImportSource | undefined {
  const exact = sources.find((source) => source.name === name)
  if (exact) return exact
  const byFileName = sources.filter((source) => path.basename(source.name) === path.basename(name))
  return byFileName.length === 1 ? byFileName[0] : undefined
}

/** The work of a run in the order the pages came: single pages, and pairs where the first of the two came. */
function unitsOf(sources: readonly ImportSource[], pairs: readonly (readonly [string, string])[]): Unit[] {
  const paired = new Map<ImportSource, Unit>()
  const units: Unit[] = []
  for (const names of pairs) {
    const found = names.map((name) => findSource(sources, name))
    const missing = names.filter((_, index) => !found[index])
    if (missing.length > 0) {
      units.push({ error: `Pair not imported: ${missing.map((name) => `"${name}"`).join(' and ')} not among the pages given.`, names: [...names] })
      continue
    }
    const [first, second] = found as ImportSource[]
    if (first === second || paired.has(first) || paired.has(second)) {
      units.push({ error: 'Pair not imported: a page can be in one pair only, with another page.', names: [...names] })
      continue
    }
    const unit: Unit = { sources: [first, second] }
    paired.set(first, unit)
    paired.set(second, unit)
  }
  const placed = new Set<Unit>()
  for (const source of sources) {
    const unit = paired.get(source)
    if (!unit) units.push({ sources: [source] })
    else if (!placed.has(unit)) {
      placed.add(unit)
      units.push(unit)
    }
  }
  return units
}

/** A message for a failure that is not the page's fault as such: what Payload refused, or what went wrong. */
function describeError(error: unknown): string {
  if (error instanceof PageError) return error.message
  if (error instanceof ValidationError) {
    const fields = (error.data?.errors ?? []).map((entry) => `${entry.path}: ${entry.message}`)
    return `The CMS refused the content: ${fields.join('; ') || error.message}`
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`
}

/** The page read into its parts; a page that names no address of its own is known by its file name. */
function readPage(source: ImportSource): LegacyPage {
  const page = parseLegacyPage(decodePage(source.bytes))
  return { ...page, address: page.address ?? `/${path.basename(source.name)}` }
}

/**
 * Runs `work` in a request of its own, in one transaction where the
 * database has them (MongoDB as a replica set): a page that fails half-way
 * leaves nothing behind there. Without transactions each write stands alone.
 */
async function inTransaction<T>(payload: Payload, user: TypedUser | undefined, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  const req = await createLocalReq({ context: { ...IMPORT_CONTEXT }, user }, payload)
  const owned = await initTransaction(req)
  try {
    const result = await work(req)
    if (owned) await commitTransaction(req)
    return result
  } catch (error) {
    if (owned) await killTransaction(req)
    throw error
  }
}

/**
 * Imports saved pages of the old site: each page (or pair of pages) into an
 * article with its section, authors and text, then the footers into the
 * contact directory. One page failing is reported and the others go on.
 * Shared by `npm run import` and the admin UI's imports (a background job).
 */
export async function importLegacyPages(
  payload: Payload,
  sources: readonly ImportSource[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const startedAt = new Date().toISOString()
  const dryRun = Boolean(options.dryRun)
  const publish = Boolean(options.publish)
  const planned = new PlannedDocuments()
  const units = unitsOf(sources, options.pairs ?? [])
  const results: PageResult[] = []
  const footers = new Map<string, { entries: DirectoryListing[]; locale: PageLocale }>()

  for (const unit of units) {
    const files = 'error' in unit ? unit.names : unit.sources.map((source) => source.name)
    const result: PageResult = { changes: [], files, status: 'failed', warnings: [] }
    try {
      if ('error' in unit) throw new PageError(unit.error)
      const pages = unit.sources.map((source) => {
        try {
          return readPage(source)
        } catch (error) {
          throw unit.sources.length > 1 && error instanceof PageError ? new PageError(`${source.name}: ${error.message}`) : error
        }
      })
      for (const page of pages) {
        result.warnings.push(...page.warnings)
        if (page.footer?.entries.length) {
          footers.set(JSON.stringify([page.locale, page.footer.entries]), { entries: page.footer.entries, locale: page.locale })
        }
      }
      if (pages.length === 2 && pages[0].locale === pages[1].locale) {
        throw new PageError(`Both pages of the pair are ${LOCALE_NAMES[pages[0].locale]}: a pair is an English and a Chinese page of one article.`)
      }
      // English first: a new article is created in it, and its breadcrumb and byline decide section and authors.
      pages.sort((a, b) => (a.locale === 'en' ? -1 : b.locale === 'en' ? 1 : 0))
      const [primary, secondary] = pages

      const outcome = await inTransaction(payload, options.user, async (req) => {
        const context: ImportContext = { changes: result.changes, dryRun, payload, planned, publish, req, warnings: result.warnings }
        const existingId = await previouslyImported(context, pages)
        const sectionId = await importSectionPath(
          context,
          primary.sectionPath,
          primary.locale,
          secondary ? { locale: secondary.locale, path: secondary.sectionPath } : undefined,
        )
        const authorIds = await importAuthors(
          context,
          pages.map((page) => ({ details: page.authorNote?.authors ?? new Map(), locale: page.locale, names: page.authors })),
        )
        return importArticle(context, pages, sectionId, authorIds, existingId)
      })
      planned.keep()
      result.status = outcome.status === 'unchanged' && result.changes.length > 0 ? 'updated' : outcome.status
      result.article = { id: outcome.id, locales: pages.map((page) => page.locale), slug: outcome.slug, title: primary.title }
    } catch (error) {
      planned.discard()
      result.status = 'failed'
      result.error = describeError(error)
      result.changes.length = 0
      if (!(error instanceof PageError)) payload.logger.error({ err: error, files }, `Import of ${files.join(' + ')} failed`)
    }
    results.push(result)
    await options.onProgress?.({ current: files.join(' + '), done: results.length, total: units.length, totals: countResults(results) })
  }

  const directory: ImportReport['directory'] = { created: [], errors: [], unchanged: 0, updated: [] }
  for (const { entries, locale } of footers.values()) {
    try {
      const outcome = await inTransaction(payload, options.user, (req) =>
        importDirectory({ changes: [], dryRun, payload, planned, publish, req, warnings: [] }, entries, locale),
      )
      directory.created.push(...outcome.created)
      directory.updated.push(...outcome.updated)
      directory.unchanged += outcome.unchanged.length
    } catch (error) {
      directory.errors.push(`The ${LOCALE_NAMES[locale]} footer was not imported into the directory: ${describeError(error)}`)
      payload.logger.error({ err: error }, 'Import of a page footer into the directory failed')
    }
  }

  return {
    directory,
    dryRun,
    finishedAt: new Date().toISOString(),
    pages: results,
    publish,
    startedAt,
    totals: countResults(results),
  }
}

import type { PageLocale } from './types'

export type PageStatus = 'created' | 'failed' | 'unchanged' | 'updated'

/** What became of one page, or of a pair of pages imported as one article. */
export type PageResult = {
  /** The article imported into (in a dry run, a stand-in id for a new one). */
  article?: { id: string; locales: PageLocale[]; slug?: string; title: string }
  /** What was done (or, in a dry run, would be done), in words. */
  changes: string[]
  error?: string
  /** The file or files read: two for a pair. */
  files: string[]
  status: PageStatus
  warnings: string[]
}

export type ImportTotals = Record<PageStatus, number> & { pages: number }

/** The summary of a run: the CLI prints it and writes it with --report; the admin UI keeps it on the import. */
export type ImportReport = {
  directory: {
    created: string[]
    errors: string[]
    /** How many entries the footers printed that were already as printed. */
    unchanged: number
    updated: string[]
  }
  dryRun: boolean
  finishedAt: string
  pages: PageResult[]
  publish: boolean
  startedAt: string
  totals: ImportTotals
}

export function countResults(pages: readonly PageResult[]): ImportTotals {
  const totals: ImportTotals = { created: 0, failed: 0, pages: pages.length, unchanged: 0, updated: 0 }
  for (const page of pages) totals[page.status] += 1
  return totals
}

/** "created 3, updated 1, unchanged 0, failed 1". */
export function formatTotals(totals: ImportTotals): string {
  return `created ${totals.created}, updated ${totals.updated}, unchanged ${totals.unchanged}, failed ${totals.failed}`
}

/** The report as lines of text for a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = []
  const would = report.dryRun ? 'would be ' : ''
  for (const page of report.pages) {
    const files = page.files.join(' + ')
    if (page.status === 'failed') {
      lines.push(`✗ ${files}: ${page.error ?? 'failed'}`)
      continue
    }
    const label = report.dryRun && page.status !== 'unchanged' ? `${page.status} (dry run)` : page.status
    lines.push(`${page.status === 'unchanged' ? '=' : '✓'} ${files}: ${label}${page.article ? ` "${page.article.title}"` : ''}`)
    for (const change of page.changes) lines.push(`    ${report.dryRun ? 'would have ' : ''}${change}`)
    for (const warning of page.warnings) lines.push(`    ! ${warning}`)
  }
  const { directory } = report
  if (directory.created.length + directory.updated.length + directory.unchanged + directory.errors.length > 0) {
    lines.push(
      `Directory: ${directory.created.length} ${would}created, ${directory.updated.length} ${would}updated, ${directory.unchanged} unchanged`,
    )
    for (const name of directory.created) lines.push(`    + ${name}`)
    for (const change of directory.updated) lines.push(`    ~ ${change}`)
    for (const error of directory.errors) lines.push(`    ✗ ${error}`)
  }
  lines.push(`${report.dryRun ? 'Dry run, nothing written: ' : ''}${report.totals.pages} page(s): ${formatTotals(report.totals)}`)
  return lines.join('\n')
}

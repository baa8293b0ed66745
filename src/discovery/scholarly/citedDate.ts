import type { ArticleRecord } from './articleRecord'

/** A calendar date, as precise as it is known: a year, or a year, month and day. */
export type CitedDate = { day?: number; month?: number; year: number }

/** The UTC calendar date of an ISO 8601 instant. */
export function calendarDate(instant: string): Required<CitedDate> {
  const date = new Date(instant)
  return { day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: date.getUTCFullYear() }
}

/**
 * The date a reference to the article gives: the day it was published online
 * (`publishedAt`, as a UTC calendar date), unless it appeared in a printed
 * issue of another year, in which case the issue's year alone (what a
 * reader holding the issue would cite). Every citation format and the
 * Highwire `citation_publication_date` use this one date.
 */
export function citedDate(record: Pick<ArticleRecord, 'issue' | 'publishedAt'>): CitedDate {
  const online = calendarDate(record.publishedAt)
  const printed = record.issue.year
  if (printed !== undefined && printed !== online.year) return { year: printed }
  return online
}

const pad = (value: number) => String(value).padStart(2, '0')

/** `2018/06/01`, or `2018` when only the year is known: Highwire's date form. */
export function slashedDate(date: CitedDate): string {
  if (date.month === undefined || date.day === undefined) return String(date.year)
  return `${date.year}/${pad(date.month)}/${pad(date.day)}`
}

/** `2018-06-01`, or `2018`: ISO 8601 calendar date. */
export function isoDate(date: CitedDate): string {
  if (date.month === undefined || date.day === undefined) return String(date.year)
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`
}

/** CSL `date-parts`: `[[2018, 6, 1]]` or `[[2018]]`. */
export function dateParts(date: CitedDate): number[][] {
  if (date.month === undefined || date.day === undefined) return [[date.year]]
  return [[date.year, date.month, date.day]]
}

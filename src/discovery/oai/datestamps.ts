/** The two granularities of OAI-PMH datestamps (protocol section 3.3). */
export type Granularity = 'day' | 'second'

export type UtcDatestamp = {
  granularity: Granularity
  /** The first instant the datestamp names. */
  start: Date
  /** The first instant after it: the next day, or the next second. */
  end: Date
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/

/**
 * Reads a `from` or `until` argument: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`,
 * a real day and time. Anything else (another time zone, fractions of a
 * second, 2019-02-30) is undefined.
 */
export function parseDatestamp(value: string): undefined | UtcDatestamp {
  const match = DAY.exec(value) ?? SECOND.exec(value)
  if (!match) return undefined
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number)
  // setUTCFullYear, unlike Date.UTC, leaves years before 100 as they are.
  const start = new Date(0)
  start.setUTCFullYear(year, month - 1, day)
  start.setUTCHours(hour, minute, second, 0)
  const exact =
    start.getUTCFullYear() === year &&
    start.getUTCMonth() === month - 1 &&
    start.getUTCDate() === day &&
    start.getUTCHours() === hour &&
    start.getUTCMinutes() === minute &&
    start.getUTCSeconds() === second
  if (!exact || year < 1) return undefined
  const granularity: Granularity = match.length === 4 ? 'day' : 'second'
  const end = new Date(start.getTime() + (granularity === 'day' ? 86_400_000 : 1000))
  return { end, granularity, start }
}

/** A moment as an OAI-PMH datestamp, to the second: 2018-06-01T08:30:00Z. */
export function formatDatestamp(date: Date | string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A moment as a day: 2018-06-01. */
export function formatDay(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 10)
}

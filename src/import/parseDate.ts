const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '')
  const index = MONTHS.findIndex((month) => month === lower || (lower.length >= 3 && month.startsWith(lower)))
  return index < 0 ? undefined : index + 1
}

/** `YYYY-MM-DD` for a real calendar day, else undefined (no 31 April). */
function isoDay(year: number, month: number | undefined, day: number): string | undefined {
  if (!month) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}

/**
 * A day as the old site prints it: "May 15, 2018", "15 May 2018", "Sept. 3,
 * 2019", "2018年5月15日", "2018-05-15", "2018/5/15". Returns `YYYY-MM-DD`, or
 * undefined when the text holds no such date.
 */
export function parseDate(text: string): string | undefined {
  const chinese = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text)
  if (chinese) return isoDay(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]))
  const numeric = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(text)
  if (numeric) return isoDay(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]))
  const monthFirst = /\b([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text)
  if (monthFirst) return isoDay(Number(monthFirst[3]), monthNumber(monthFirst[1]), Number(monthFirst[2]))
  const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})\b/.exec(text)
  if (dayFirst) return isoDay(Number(dayFirst[3]), monthNumber(dayFirst[2]), Number(dayFirst[1]))
  return undefined
}

/** One pair a line: "alliance-en.html = alliance-zh.html" (or with "|" between the names). */
const PAIR_LINE = /^(.+?)\s*[=|]\s*(.+)$/

/** The pairs written in an import's "pairs" box; blank lines are ignored. */
export function parsePairs(text: string): [string, string][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const found = PAIR_LINE.exec(line)
      return found ? [found[1].trim(), found[2].trim()] : [line, '']
    })
}

/** `true`, or what is wrong with the pairs box, naming the line. */
export function checkPairs(text: string): string | true {
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  for (const [index, line] of lines.entries()) {
    if (!line) continue
    const found = PAIR_LINE.exec(line)
    if (!found || !found[2].trim()) {
      return `Line ${index + 1} ("${line}") is not a pair: write the English and the Chinese page's file names with "=" between them`
    }
    if (found[1].trim() === found[2].trim()) return `Line ${index + 1} pairs "${found[1].trim()}" with itself`
  }
  return true
}

/**
 * A title and its subtitle as one line, the one rule for every output that
 * cannot keep them apart (citations, Highwire tags, OAI-PMH `dc:title`):
 *
 * - Chinese: joined with a full-width colon, 题名：副题名, as GB/T 7714 cites
 *   a title with its other title information;
 * - other languages: "Title: Subtitle", or a space when the title already
 *   ends in a colon, question or exclamation mark, or a full stop.
 *
 * Outputs with room for both keep them apart (JSON-LD `headline` and
 * `alternativeHeadline`).
 */
export function fullTitle(title: string, subtitle: null | string | undefined, language: string): string {
  const rest = subtitle?.trim()
  if (!rest) return title
  if (language === 'zh') return `${title.replace(/[：:]\s*$/, '')}：${rest}`
  return /[:?!.]$/.test(title) ? `${title} ${rest}` : `${title}: ${rest}`
}

/**
 * DOIs as the journal stores and prints them (docs/scholarly-metadata.md).
 *
 * A DOI is `10.` + a registrant code of 4 to 9 digits + `/` + a suffix of up
 * to 200 characters: the form Crossref's deposit schema accepts. DOIs are
 * case-insensitive, so they are kept in one form: without a resolver or
 * `doi:` in front, white space trimmed, in lower case. Two spellings of one
 * DOI are then one stored value, and the uniqueness check compares like
 * with like.
 */

/** A normalized DOI: `10.` + 4 to 9 digits + `/` + a suffix without white space. */
export const DOI_PATTERN = /^10\.\d{4,9}\/\S{1,200}$/

/** A DOI prefix (the registrant's): `10.` + 4 to 9 digits. */
export const DOI_PREFIX_PATTERN = /^10\.\d{4,9}$/

const RESOLVER = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i
const DOI_SCHEME = /^doi:\s*/i

/** The value as a DOI is stored: resolver URL or `doi:` taken off, trimmed, lower case; empty becomes null. */
export function normalizeDoi(value: unknown): null | string {
  if (typeof value !== 'string') return null
  let doi = value.trim().replace(RESOLVER, '').replace(DOI_SCHEME, '').trim()
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi)
    } catch {
      // Not percent-encoding after all: kept as written, and the pattern decides.
    }
  }
  return doi ? doi.toLowerCase() : null
}

export function isValidDoi(value: string): boolean {
  return DOI_PATTERN.test(value)
}

/** What an editor is told when a DOI is not one. */
export const INVALID_DOI_MESSAGE =
  'Enter a DOI like 10.12345/pd.2018.001: "10.", 4 to 9 digits, a slash, then the suffix (no spaces, at most 200 characters)'

/**
 * The DOI as a link through the DOI resolver (https://doi.org/…), the form
 * Crossref asks displays to use: each part of the suffix percent-encoded
 * where a URL needs it (`#`, `?`, `%`, spaces never occur).
 */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`
}

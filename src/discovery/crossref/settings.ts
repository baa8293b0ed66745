import { ConfigurationError } from '../../settings/configurationError'
import { type Env, text } from '../../settings/read'
import { DOI_PREFIX_PATTERN } from './doi'

/** DOIs and the Crossref deposit export (docs/scholarly-metadata.md). */
export type CrossrefEnvironment = {
  /** Who deposits, as the deposit's `<head>` names them; null when not set up. */
  depositor: null | { email: string; name: string; registrant: string }
  /** The prefix generated DOIs get (`10.12345`); null: editors type DOIs in whole. */
  doiPrefix: null | string
  /** The journal's ISSN (`1234-5679`), when it has one. */
  issn: null | string
}

const EMAIL = /^[^\s@]+@([^\s@.]+\.)+[^\s@.]+$/
const ISSN = /^(\d{4})-?(\d{3}[\dX])$/i

/** An ISSN in its usual form, 1234-5679, whose last character is the check digit (mod 11, X for 10). */
export function isValidIssn(value: string): boolean {
  const match = ISSN.exec(value)
  if (!match) return false
  const characters = `${match[1]}${match[2]}`.toUpperCase()
  let total = 0
  for (let index = 0; index < 7; index++) total += Number(characters[index]) * (8 - index)
  const check = (11 - (total % 11)) % 11
  return characters[7] === (check === 10 ? 'X' : String(check))
}

function bounded(env: Env, name: string, min: number, max: number, example: string): string | undefined {
  const value = text(env, name)
  if (value !== undefined && (value.length < min || value.length > max)) {
    throw new ConfigurationError(`${name} must be ${min} to ${max} characters, e.g. ${example} (got ${value.length})`)
  }
  return value
}

/**
 * DOI_PREFIX (optional, `10.` and 4 to 9 digits); CROSSREF_DEPOSITOR_NAME,
 * CROSSREF_DEPOSITOR_EMAIL and CROSSREF_REGISTRANT (all three or none: the
 * export needs them); JOURNAL_ISSN (optional, with a correct check digit).
 */
export function readCrossrefEnvironment(env: Env = process.env): CrossrefEnvironment {
  const prefix = text(env, 'DOI_PREFIX')
  if (prefix !== undefined && !DOI_PREFIX_PATTERN.test(prefix)) {
    throw new ConfigurationError(`DOI_PREFIX must be a DOI prefix such as 10.12345: "10." and 4 to 9 digits (got "${prefix}")`)
  }
  const name = bounded(env, 'CROSSREF_DEPOSITOR_NAME', 1, 130, 'Peace and Development editorial office')
  const email = bounded(env, 'CROSSREF_DEPOSITOR_EMAIL', 6, 200, 'doi@example.org')
  const registrant = bounded(env, 'CROSSREF_REGISTRANT', 1, 255, 'China Institute for International Studies')
  if (email !== undefined && !EMAIL.test(email)) {
    throw new ConfigurationError(`CROSSREF_DEPOSITOR_EMAIL must be an e-mail address such as doi@example.org (got "${email}")`)
  }
  const given = [name, email, registrant].filter((value) => value !== undefined).length
  if (given !== 0 && given !== 3) {
    throw new ConfigurationError('CROSSREF_DEPOSITOR_NAME, CROSSREF_DEPOSITOR_EMAIL and CROSSREF_REGISTRANT go together: set all three or none')
  }
  const issn = text(env, 'JOURNAL_ISSN')
  if (issn !== undefined && !isValidIssn(issn)) {
    throw new ConfigurationError(`JOURNAL_ISSN must be an ISSN such as 1234-5679, its last character the check digit (got "${issn}")`)
  }
  return {
    depositor: name && email && registrant ? { email, name, registrant } : null,
    doiPrefix: prefix ?? null,
    issn: issn ? `${issn.slice(0, 4)}-${issn.replace('-', '').slice(4).toUpperCase()}` : null,
  }
}

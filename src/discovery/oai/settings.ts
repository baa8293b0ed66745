import { ConfigurationError } from '../../settings/configurationError'
import { type Env, readInteger, text } from '../../settings/read'

/** OAI-PMH harvesting (docs/oai-pmh.md). */
export type OaiEnvironment = {
  /** Addresses named in Identify; empty: the site's main contact. */
  adminEmails: string[]
  /** Records (or headers) per answer before a resumption token. */
  pageSize: number
}

const OAI_ADMIN_EMAIL = /^[^\s@,]+@([^\s@,.]+\.)+[^\s@,.]+$/

/** OAI_PAGE_SIZE (1-1000, default 100) and OAI_ADMIN_EMAIL (comma-separated addresses, optional). */
export function readOaiEnvironment(env: Env = process.env): OaiEnvironment {
  const emails = (text(env, 'OAI_ADMIN_EMAIL') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  const bad = emails.find((email) => !OAI_ADMIN_EMAIL.test(email))
  if (bad !== undefined) {
    throw new ConfigurationError(`OAI_ADMIN_EMAIL must be e-mail addresses such as journal@example.org, comma-separated (bad entry "${bad}")`)
  }
  return { adminEmails: emails, pageSize: readInteger(env, 'OAI_PAGE_SIZE', 100, 1, 1000) }
}

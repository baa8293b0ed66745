import { formatDatestamp } from './datestamps'
import { earliestDatestamp } from './records'
import type { Repository } from './repository'
import { firstOf, mainContactEmail, readSiteFacts } from './site'
import { element, textElement, type XmlNode } from '../../lib/xmlDocument'

/**
 * Identify: the repository's name (the journal's title), base URL, who to
 * write to, the oldest datestamp, that deletions are kept for good
 * (`persistent`: tombstones are never removed) and that datestamps go to
 * the second.
 */
export async function identify(repository: Repository): Promise<XmlNode> {
  const { payload } = repository
  const [site, earliest] = await Promise.all([readSiteFacts(payload), earliestDatestamp(payload)])
  let adminEmails = repository.adminEmails
  if (!adminEmails.length) {
    const email = await mainContactEmail(payload, site)
    adminEmails = [email ?? `webmaster@${repository.recordHost}`]
  }
  const name = firstOf(site.journalTitle, repository.locales) ?? firstOf(site.siteName, repository.locales) ?? repository.recordHost
  return element('Identify', {}, [
    textElement('repositoryName', name),
    textElement('baseURL', repository.baseUrl),
    textElement('protocolVersion', '2.0'),
    ...adminEmails.map((email) => textElement('adminEmail', email)),
    textElement('earliestDatestamp', formatDatestamp(earliest ?? new Date())),
    textElement('deletedRecord', 'persistent'),
    textElement('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
  ])
}

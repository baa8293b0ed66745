import type { Payload } from 'payload'

import { formatDatestamp } from './datestamps'
import { articleIdentifier } from './identifiers'
import { type DublinCoreContext, oaiDcMetadata } from './oaiDc'
import type { HarvestRecord, PublicArticle } from './records'
import type { Repository } from './repository'
import { setSpecsOfSection, type SetHierarchy } from './sets'
import { readSiteFacts } from './site'
import { element, textElement, type XmlNode } from '../../lib/xmlDocument'

type Localized<T> = Partial<Record<string, T>>

function sectionIdOf(section: PublicArticle['section']): string | undefined {
  if (section === null || section === undefined) return undefined
  return typeof section === 'object' ? String(section.id) : String(section)
}

/**
 * A record's header: identifier, datestamp (the last change readers saw: the
 * published version's updatedAt, or when the article was deleted or
 * unpublished) and the sets it is in, ancestors included.
 */
export function headerXml(record: HarvestRecord, repository: Repository, hierarchy: SetHierarchy): XmlNode {
  const specs = record.deleted
    ? record.setSpecs.filter((spec) => hierarchy.bySpec.has(spec))
    : setSpecsOfSection(hierarchy, sectionIdOf(record.article.section))
  return element('header', { status: record.deleted ? 'deleted' : undefined }, [
    textElement('identifier', articleIdentifier(repository.recordHost, record.id)),
    textElement('datestamp', formatDatestamp(record.datestamp)),
    ...specs.map((spec) => textElement('setSpec', spec)),
  ])
}

/** A whole record: the header, and the oai_dc metadata unless the record is deleted. */
export function recordXml(record: HarvestRecord, repository: Repository, hierarchy: SetHierarchy, dublinCore: DublinCoreContext): XmlNode {
  const header = headerXml(record, repository, hierarchy)
  if (record.deleted) return element('record', {}, [header])
  return element('record', {}, [header, element('metadata', {}, [oaiDcMetadata(record.article, dublinCore)])])
}

/** What the metadata of these records needs besides the articles: their authors' names (one query) and the site's facts. */
export async function dublinCoreContext(repository: Repository, records: HarvestRecord[]): Promise<DublinCoreContext> {
  const { payload } = repository
  const authorIds = [
    ...new Set(
      records.flatMap((record) =>
        record.deleted ? [] : (record.article.authors ?? []).map((author) => String(typeof author === 'object' ? author.id : author)),
      ),
    ),
  ]
  const [site, authors] = await Promise.all([readSiteFacts(payload), readAuthorNames(payload, authorIds)])
  return {
    authorNames: authors,
    journalTitle: site.journalTitle,
    locales: repository.locales,
    paths: repository.paths,
    publisher: site.siteName,
    websiteUrl: repository.websiteUrl,
  }
}

async function readAuthorNames(payload: Payload, ids: string[]): Promise<Map<string, Localized<null | string>>> {
  if (!ids.length) return new Map()
  const found = await payload.find({
    collection: 'authors',
    depth: 0,
    limit: ids.length,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: { name: true },
    where: { id: { in: ids } },
  })
  return new Map(found.docs.map((author) => [String(author.id), author.name as unknown as Localized<null | string>]))
}

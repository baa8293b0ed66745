import { OaiError, oaiError } from './errors'
import { OAI_DC } from './oaiDc'
import { countRecords, listRecords, type RecordKey, type RecordSelection } from './records'
import { dublinCoreContext, headerXml, recordXml } from './recordXml'
import type { Repository } from './repository'
import { checkSelection, type OaiArguments } from './requestArguments'
import { decodeResumptionToken, encodeResumptionToken, type ListPosition, type ListVerb } from './resumptionToken'
import { loadSetHierarchy, sectionIdsOfSet } from './sets'
import { element, textElement, type XmlNode } from '../../lib/xmlDocument'

type ListArguments = Pick<OaiArguments, 'from' | 'metadataPrefix' | 'set' | 'until'>

/** The list a resumption token continues, or badResumptionToken. */
function resumedList(verb: ListVerb, token: string, secret: string): { args: ListArguments; position: ListPosition } {
  const position = decodeResumptionToken(token, secret)
  if (!position || position.verb !== verb) {
    throw oaiError('badResumptionToken', `This resumption token was not issued for ${verb} by this repository, or has been altered.`)
  }
  const args = { from: position.from, metadataPrefix: position.metadataPrefix, set: position.set, until: position.until }
  try {
    checkSelection(args)
  } catch (error) {
    if (error instanceof OaiError) throw oaiError('badResumptionToken', 'This resumption token holds arguments that are not legal.')
    throw error
  }
  return { args, position }
}

/**
 * ListIdentifiers and ListRecords: the records whose datestamp falls within
 * `from` and `until` (both inclusive, to the day or the second), in the set
 * (a section, its sub-sections included), deleted ones too; in parts of
 * OAI_PAGE_SIZE, each but the last ending with a resumption token (see
 * resumptionToken.ts), the last with an empty one.
 */
export async function listRecordsOrIdentifiers(repository: Repository, verb: ListVerb, requestArgs: OaiArguments): Promise<XmlNode> {
  const { payload } = repository
  const resumed = requestArgs.resumptionToken === undefined ? undefined : resumedList(verb, requestArgs.resumptionToken, payload.secret)
  const args: ListArguments = resumed?.args ?? requestArgs
  if (args.metadataPrefix !== OAI_DC.metadataPrefix) {
    throw oaiError('cannotDisseminateFormat', `Records are available as ${OAI_DC.metadataPrefix} only (got "${args.metadataPrefix}").`)
  }
  const { from, until } = checkSelection(args)
  const hierarchy = await loadSetHierarchy(payload, repository.locales[0])
  const selection: RecordSelection = { from: from?.start, until: until?.end }
  if (args.set !== undefined) {
    if (!hierarchy.bySpec.has(args.set)) throw oaiError('noRecordsMatch', `There is no set "${args.set}": ListSets names them.`)
    selection.set = { sectionIds: sectionIdsOfSet(hierarchy, args.set), spec: args.set }
  }
  const key: RecordKey | undefined = resumed && { datestamp: resumed.position.lastDatestamp, id: resumed.position.lastId }
  const full = verb === 'ListRecords'
  const [{ hasMore, records }, total] = await Promise.all([
    listRecords(payload, selection, key, repository.pageSize, full),
    countRecords(payload, selection),
  ])
  if (!records.length) {
    throw oaiError('noRecordsMatch', resumed ? 'No records are left in this list.' : 'No records match these arguments.')
  }

  const cursor = resumed?.position.cursor ?? 0
  const parts = full
    ? await (async () => {
        const dublinCore = await dublinCoreContext(repository, records)
        return records.map((record) => recordXml(record, repository, hierarchy, dublinCore))
      })()
    : records.map((record) => headerXml(record, repository, hierarchy))
  if (hasMore || resumed) {
    const last = records[records.length - 1]
    const token = hasMore
      ? encodeResumptionToken(
          {
            cursor: cursor + records.length,
            from: args.from,
            lastDatestamp: last.datestamp.getTime(),
            lastId: last.id,
            metadataPrefix: OAI_DC.metadataPrefix,
            set: args.set,
            until: args.until,
            verb,
          },
          payload.secret,
        )
      : ''
    parts.push(textElement('resumptionToken', token, { completeListSize: Math.max(total, cursor + records.length), cursor }))
  }
  return element(verb, {}, parts)
}

import { OaiError, type OaiProblem } from './errors'
import { articleIdOf } from './identifiers'
import { OAI_DC } from './oaiDc'
import { findRecord } from './records'
import { dublinCoreContext, recordXml } from './recordXml'
import type { Repository } from './repository'
import type { OaiArguments } from './requestArguments'
import { loadSetHierarchy } from './sets'
import { element, type XmlNode } from '../../lib/xmlDocument'

/** GetRecord: one article in oai_dc, or its header marked deleted when it is gone. */
export async function getRecord(repository: Repository, args: OaiArguments): Promise<XmlNode> {
  const identifier = args.identifier ?? ''
  const id = articleIdOf(repository.recordHost, identifier)
  const record = id === undefined ? undefined : await findRecord(repository.payload, id, true)
  const problems: OaiProblem[] = []
  if (!record) problems.push({ code: 'idDoesNotExist', message: `There is no record "${identifier}" in this repository.` })
  if (args.metadataPrefix !== OAI_DC.metadataPrefix) {
    problems.push({ code: 'cannotDisseminateFormat', message: `Records are available as ${OAI_DC.metadataPrefix} only (got "${args.metadataPrefix}").` })
  }
  if (problems.length || !record) throw new OaiError(problems)
  const [hierarchy, dublinCore] = await Promise.all([
    loadSetHierarchy(repository.payload, repository.locales[0]),
    dublinCoreContext(repository, [record]),
  ])
  return element('GetRecord', {}, [recordXml(record, repository, hierarchy, dublinCore)])
}

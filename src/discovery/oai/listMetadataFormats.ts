import { oaiError } from './errors'
import { articleIdOf } from './identifiers'
import { OAI_DC } from './oaiDc'
import { findRecord } from './records'
import type { Repository } from './repository'
import type { OaiArguments } from './requestArguments'
import { element, textElement, type XmlNode } from '../../lib/xmlDocument'

/**
 * ListMetadataFormats: oai_dc, the one format, for the repository and for
 * every record in it (deleted ones included). An identifier of no record is
 * idDoesNotExist; noMetadataFormats cannot happen.
 */
export async function listMetadataFormats(repository: Repository, args: OaiArguments): Promise<XmlNode> {
  if (args.identifier !== undefined) {
    const id = articleIdOf(repository.recordHost, args.identifier)
    const record = id === undefined ? undefined : await findRecord(repository.payload, id, false)
    if (!record) throw oaiError('idDoesNotExist', `There is no record "${args.identifier}" in this repository.`)
  }
  return element('ListMetadataFormats', {}, [
    element('metadataFormat', {}, [
      textElement('metadataPrefix', OAI_DC.metadataPrefix),
      textElement('schema', OAI_DC.schema),
      textElement('metadataNamespace', OAI_DC.namespace),
    ]),
  ])
}

import type { Payload } from 'payload'

import { formatDatestamp } from './datestamps'
import { OaiError } from './errors'
import { getRecord } from './getRecord'
import { identify } from './identify'
import { listMetadataFormats } from './listMetadataFormats'
import { listRecordsOrIdentifiers } from './listRecords'
import { listSets } from './listSets'
import { type Repository, repositoryOf } from './repository'
import { type OaiRequest, readOaiRequest, requestAttributes } from './requestArguments'
import { element, textElement, type XmlAttributes, xmlDocument, type XmlNode } from '../../lib/xmlDocument'

const OAI_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/'
const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd'

function runVerb(repository: Repository, { args, verb }: OaiRequest): Promise<XmlNode> {
  switch (verb) {
    case 'GetRecord':
      return getRecord(repository, args)
    case 'Identify':
      return identify(repository)
    case 'ListIdentifiers':
    case 'ListRecords':
      return listRecordsOrIdentifiers(repository, verb, args)
    case 'ListMetadataFormats':
      return listMetadataFormats(repository, args)
    case 'ListSets':
      return listSets(repository, args)
  }
}

function envelope(responseDate: string, baseUrl: string, request: XmlAttributes, body: readonly XmlNode[]): string {
  const root = element(
    'OAI-PMH',
    { xmlns: OAI_NAMESPACE, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': `${OAI_NAMESPACE} ${OAI_SCHEMA}` },
    [textElement('responseDate', responseDate), textElement('request', baseUrl, request), ...body],
  )
  return xmlDocument(root)
}

/**
 * The answer to an OAI-PMH request, whatever its verb and arguments: the
 * verb's result, or the protocol's errors. Both are HTTP 200, as the
 * protocol has it (errors are part of the XML, section 3.6); only a fault of
 * the CMS itself is a 500.
 */
export async function answerOaiRequest(payload: Payload, params: OaiError | URLSearchParams): Promise<Response> {
  const responseDate = formatDatestamp(new Date())
  const repository = repositoryOf(payload)
  let request: OaiRequest | undefined
  let attributes: XmlAttributes = {}
  let body: XmlNode[]
  try {
    if (params instanceof OaiError) throw params
    request = readOaiRequest(params)
    body = [await runVerb(repository, request)]
    attributes = requestAttributes(request)
  } catch (error) {
    if (!(error instanceof OaiError)) throw error
    body = error.problems.map((problem) => textElement('error', problem.message, { code: problem.code }))
    attributes = request && error.echoesArguments ? requestAttributes(request) : {}
  }
  return new Response(envelope(responseDate, repository.baseUrl, attributes, body), {
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
    status: 200,
  })
}

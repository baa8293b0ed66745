import type { Endpoint, PayloadRequest } from 'payload'

import { answerOaiRequest } from './answer'
import { type OaiError, oaiError } from './errors'
import { OAI_PATH } from './repository'

const FORM = 'application/x-www-form-urlencoded'
/** OAI-PMH arguments are short; a longer body is not a harvester's request. */
const MAX_FORM_LENGTH = 16 * 1024

/** A POST's arguments: the form-encoded body (protocol section 3.1.1.2), never the query string. */
async function formArguments(req: PayloadRequest): Promise<OaiError | URLSearchParams> {
  const type = req.headers.get('content-type')?.split(';')[0].trim().toLowerCase()
  if (type !== FORM) return oaiError('badArgument', `A POST request sends its arguments as ${FORM} (got ${type ?? 'no Content-Type'}).`)
  const body = req.text ? await req.text() : ''
  if (body.length > MAX_FORM_LENGTH) return oaiError('badArgument', `The request's arguments are longer than ${MAX_FORM_LENGTH} characters.`)
  return new URLSearchParams(body)
}

/**
 * The OAI-PMH base URL, `/oai` (the server rewrites it to /api/oai): GET with
 * the arguments in the query string, POST with them form-encoded in the body.
 * See docs/oai-pmh.md.
 */
export const oaiEndpoints: Endpoint[] = [
  {
    handler: (req) => answerOaiRequest(req.payload, req.searchParams),
    method: 'get',
    path: OAI_PATH,
  },
  {
    handler: async (req) => answerOaiRequest(req.payload, await formArguments(req)),
    method: 'post',
    path: OAI_PATH,
  },
]

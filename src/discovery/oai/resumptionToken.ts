import { signToken, verifiedTokenFields } from '../../lib/signedToken'

/**
 * Resumption tokens: where a list left off, as a position in the list's order
 * (keyset paging) rather than a count of records already sent.
 *
 * Lists are in datestamp order, the article id breaking ties. A token holds
 * the list's arguments, the datestamp (in milliseconds) and id of the last
 * record sent, and how many records were sent before. The next part starts
 * after that record, so a record that changes during a harvest moves to the
 * end of the list (its datestamp is newer) and is sent again there; no record
 * is ever skipped, which counting by offset cannot promise.
 *
 * The token is the base64url JSON of that position, a dot, and an
 * HMAC-SHA-256 of it under a key derived from the Payload secret: harvesters
 * cannot forge or alter one (a changed token is a badResumptionToken), and
 * tokens stay valid as long as the secret does, so they have no expiry date.
 */

export type ListVerb = 'ListIdentifiers' | 'ListRecords'

export type ListPosition = {
  /** How many records came before this part: the `cursor` of the next answer. */
  cursor: number
  from?: string
  /** Datestamp (milliseconds since the epoch) and id of the last record sent. */
  lastDatestamp: number
  lastId: string
  metadataPrefix: string
  set?: string
  until?: string
  verb: ListVerb
}

const VERSION = 1
const PURPOSE = 'OAI-PMH resumption token'

export function encodeResumptionToken(position: ListPosition, secret: string): string {
  const { cursor, from, lastDatestamp, lastId, metadataPrefix, set, until, verb } = position
  return signToken({ c: cursor, f: from, i: lastId, p: metadataPrefix, s: set, t: lastDatestamp, u: until, v: VERSION, x: verb }, secret, PURPOSE)
}

function optionalString(value: unknown): string | undefined | false {
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : false
}

/** The position a token names, or undefined when it is not one this repository issued (or was altered). */
export function decodeResumptionToken(token: string, secret: string): ListPosition | undefined {
  const fields = verifiedTokenFields(token, secret, PURPOSE)
  if (!fields) return undefined
  const { c: cursor, i: lastId, p: metadataPrefix, t: lastDatestamp, v: version, x: verb } = fields
  const from = optionalString(fields.f)
  const set = optionalString(fields.s)
  const until = optionalString(fields.u)
  if (
    version !== VERSION ||
    (verb !== 'ListIdentifiers' && verb !== 'ListRecords') ||
    typeof metadataPrefix !== 'string' ||
    typeof lastId !== 'string' ||
    typeof lastDatestamp !== 'number' ||
    !Number.isSafeInteger(lastDatestamp) ||
    typeof cursor !== 'number' ||
    !Number.isSafeInteger(cursor) ||
    cursor < 0 ||
    from === false ||
    set === false ||
    until === false
  ) {
    return undefined
  }
  return { cursor, from, lastDatestamp, lastId, metadataPrefix, set, until, verb }
}

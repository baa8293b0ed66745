import { parseDatestamp, type UtcDatestamp } from './datestamps'
import { oaiError } from './errors'
import { SET_SPEC } from './sets'
import type { XmlAttributes } from '../../lib/xmlDocument'

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const

export type Verb = (typeof VERBS)[number]

const ARGUMENT_NAMES = ['identifier', 'metadataPrefix', 'from', 'until', 'set', 'resumptionToken'] as const

type ArgumentName = (typeof ARGUMENT_NAMES)[number]

export type OaiArguments = Partial<Record<ArgumentName, string>>

/** A request whose verb and arguments are legal (protocol section 4): what each verb then checks against the data. */
export type OaiRequest = { args: OaiArguments; verb: Verb }

type Rule = { exclusive?: ArgumentName; optional: ArgumentName[]; required: ArgumentName[] }

const RULES: Record<Verb, Rule> = {
  GetRecord: { optional: [], required: ['identifier', 'metadataPrefix'] },
  Identify: { optional: [], required: [] },
  ListIdentifiers: { exclusive: 'resumptionToken', optional: ['from', 'until', 'set'], required: ['metadataPrefix'] },
  ListMetadataFormats: { optional: ['identifier'], required: [] },
  ListRecords: { exclusive: 'resumptionToken', optional: ['from', 'until', 'set'], required: ['metadataPrefix'] },
  ListSets: { exclusive: 'resumptionToken', optional: [], required: [] },
}

/** The characters the protocol allows in a metadataPrefix (section 3.4). */
export const METADATA_PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/

/** A URI as an identifier may be written; others are never echoed back. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/

function isVerb(value: string): value is Verb {
  return (VERBS as readonly string[]).includes(value)
}

function isArgumentName(value: string): value is ArgumentName {
  return (ARGUMENT_NAMES as readonly string[]).includes(value)
}

function badArgument(message: string) {
  return oaiError('badArgument', message)
}

/**
 * The verb and arguments of a request (query string of a GET, form body of a
 * POST), checked against the protocol: a missing, repeated or unknown verb
 * is a badVerb; an argument the verb does not take, a repeated or missing
 * one, an empty value, a badly formed date, set or metadataPrefix, dates of
 * different granularities or `from` after `until` are a badArgument.
 */
export function readOaiRequest(params: URLSearchParams): OaiRequest {
  const verbs = params.getAll('verb')
  if (verbs.length === 0) throw oaiError('badVerb', 'The verb argument is missing.')
  if (verbs.length > 1) throw oaiError('badVerb', 'The verb argument is repeated.')
  const verb = verbs[0]
  if (!isVerb(verb)) throw oaiError('badVerb', `"${verb}" is not an OAI-PMH verb (${VERBS.join(', ')}).`)

  const rule = RULES[verb]
  const allowed = new Set<string>([...rule.required, ...rule.optional, ...(rule.exclusive ? [rule.exclusive] : [])])
  const args: OaiArguments = {}
  for (const name of new Set(params.keys())) {
    if (name === 'verb') continue
    if (!allowed.has(name) || !isArgumentName(name)) throw badArgument(`${verb} does not take the argument "${name}".`)
    const values = params.getAll(name)
    if (values.length > 1) throw badArgument(`The argument ${name} is repeated.`)
    if (!values[0]) throw badArgument(`The argument ${name} is empty.`)
    args[name] = values[0]
  }

  if (rule.exclusive && args[rule.exclusive] !== undefined) {
    const others = Object.keys(args).filter((name) => name !== rule.exclusive)
    if (others.length) throw badArgument(`${rule.exclusive} is an exclusive argument: it cannot come with ${others.join(', ')}.`)
    return { args, verb }
  }
  const missing = rule.required.filter((name) => args[name] === undefined)
  if (missing.length) throw badArgument(`${verb} needs the argument${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}.`)
  if (args.metadataPrefix !== undefined && !METADATA_PREFIX.test(args.metadataPrefix)) {
    throw badArgument(`"${args.metadataPrefix}" is not a legal metadataPrefix.`)
  }
  checkSelection(args)
  return { args, verb }
}

/**
 * The `from`, `until` and `set` of a list, checked; the dates read. Used for
 * the arguments of a request and again for those a resumption token carries.
 */
export function checkSelection(args: OaiArguments): { from?: UtcDatestamp; until?: UtcDatestamp } {
  const read = (name: 'from' | 'until') => {
    const value = args[name]
    if (value === undefined) return undefined
    const date = parseDatestamp(value)
    if (!date) throw badArgument(`${name} must be a UTC date, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (got "${value}").`)
    return date
  }
  const from = read('from')
  const until = read('until')
  if (from && until) {
    if (from.granularity !== until.granularity) throw badArgument('from and until must have the same granularity.')
    if (from.start > until.start) throw badArgument('from must not be later than until.')
  }
  if (args.set !== undefined && !SET_SPEC.test(args.set)) throw badArgument(`"${args.set}" is not a legal setSpec.`)
  return { from, until }
}

/** The attributes of the answer's `request` element: the verb and arguments, as far as they are legal values. */
export function requestAttributes(request: OaiRequest): XmlAttributes {
  const { args } = request
  return {
    verb: request.verb,
    identifier: args.identifier !== undefined && URI.test(args.identifier) ? args.identifier : undefined,
    metadataPrefix: args.metadataPrefix,
    from: args.from,
    until: args.until,
    set: args.set,
    resumptionToken: args.resumptionToken,
  }
}

import dns from 'node:dns'
import net, { type LookupFunction } from 'node:net'

/**
 * Where webhooks may be sent. Events go to public http(s) addresses only; the
 * CMS's own network (loopback, private and link-local ranges, where cloud
 * metadata services answer) is reachable only when
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=true. Unspecified, multicast, documentation
 * and other reserved addresses are never targets.
 *
 * A target is checked when it is configured (its literal host, and for
 * endpoints saved in the admin UI the addresses its name resolves to) and
 * again at every connection, on the address actually connected to, so a name
 * that later resolves elsewhere is caught too.
 */

export type TargetOptions = { allowPrivateTargets: boolean }

export type AddressKind = 'private' | 'public' | 'reserved'

function blockList(ranges: readonly (readonly [string, number])[]): net.BlockList {
  const list = new net.BlockList()
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, net.isIPv6(network) ? 'ipv6' : 'ipv4')
  return list
}

/** The CMS's own networks: reachable only when explicitly allowed. */
const PRIVATE_RANGES = blockList([
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
])

/** Never a webhook target. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are matched by BlockList itself. */
const RESERVED_RANGES = blockList([
  ['0.0.0.0', 8],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
  ['::', 128],
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['ff00::', 8], // multicast
])

/** The IPv4 address inside a NAT64 (64:ff9b::/96) or IPv4-compatible (::/96) IPv6 address. */
function embeddedIPv4(address: string): string | undefined {
  const match = /^(?:64:ff9b::|::)(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i.exec(address)
  if (!match) return undefined
  if (match[3]) return match[3]
  const high = parseInt(match[1], 16)
  const low = parseInt(match[2], 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/** Whether an IP address is public, in the CMS's own networks, or never a target. */
export function classifyAddress(address: string): AddressKind {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const family = net.isIP(bare)
  if (family === 0) return 'reserved'
  if (family === 6) {
    const inner = embeddedIPv4(bare)
    if (inner && bare !== '::1' && bare !== '::') return classifyAddress(inner)
  }
  const type = family === 6 ? 'ipv6' : 'ipv4'
  if (PRIVATE_RANGES.check(bare, type)) return 'private'
  if (RESERVED_RANGES.check(bare, type)) return 'reserved'
  return 'public'
}

/** Why a target address may not be used, or undefined when it may. */
function addressProblem(address: string, options: TargetOptions): string | undefined {
  const kind = classifyAddress(address)
  if (kind === 'reserved') return `points to a reserved address (${address}), which is never a webhook target`
  if (kind === 'private' && !options.allowPrivateTargets) {
    return `points to a private or loopback address (${address}); set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow such targets`
  }
  return undefined
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

/** The host of a URL as a connection would use it: IPv6 literals without their brackets. */
export function targetHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '')
}

/**
 * Checks what can be checked without the network: an absolute http(s) URL,
 * without a user name or password, whose host (when it is an IP address, or
 * localhost) may be used. Answers the problem as a phrase ("must use http or
 * https"), or undefined when there is none.
 */
export function webhookUrlProblem(value: string, options: TargetOptions): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an absolute URL such as https://www.example.org/api/revalidate'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https (got "${url.protocol}")`
  if (url.username || url.password) return 'must not include a user name or password'
  const host = targetHost(url)
  if (!host) return 'must name a host'
  if (net.isIP(host)) return addressProblem(host, options)
  if (isLocalhostName(host) && !options.allowPrivateTargets) return addressProblem('127.0.0.1', options)
  return undefined
}

/**
 * The full check for an endpoint saved in the admin UI: the URL, then every
 * address its host name resolves to now.
 */
export async function webhookTargetProblem(value: string, options: TargetOptions): Promise<string | undefined> {
  const problem = webhookUrlProblem(value, options)
  if (problem) return problem
  const host = targetHost(new URL(value))
  if (net.isIP(host)) return undefined
  let addresses: dns.LookupAddress[]
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true })
  } catch {
    return `has a host name that cannot be resolved (${host})`
  }
  for (const { address } of addresses) {
    const addressIssue = addressProblem(address, options)
    if (addressIssue) return addressIssue.replace(/^points to/, 'resolves to')
  }
  return undefined
}

/** A connection was refused because of where it would have gone. */
export class TargetRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TargetRefusedError'
  }
}

/**
 * A DNS lookup for http(s).request that fails the connection when the name
 * resolves to an address that may not be used: the check happens on the
 * addresses actually connected to.
 */
export function guardedLookup(options: TargetOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0)
        return
      }
      for (const { address } of addresses) {
        const problem = addressProblem(address, options)
        if (problem) {
          callback(new TargetRefusedError(`${hostname} ${problem.replace(/^points to/, 'resolves to')}`), '', 0)
          return
        }
      }
      if (lookupOptions.all) {
        // The LookupFunction type only describes the single-address form of the callback.
        ;(callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, addresses)
        return
      }
      const [first] = addresses
      callback(null, first.address, first.family)
    })
  }
}

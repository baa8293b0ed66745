/** The longest path a redirect may name; longer ones are refused. */
export const MAX_PATH_LENGTH = 2000

/** A path that cannot name a page of the website, with what is wrong in words an editor can act on. */
export class PathProblem extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PathProblem'
  }
}

const SCHEME = /^[a-z][a-z\d+.-]*:/i

/**
 * One spelling for every way of writing the same website path, so a redirect
 * is found however a browser, a crawler or an editor wrote it: a whole URL
 * (`https://www.example.org/en/x.htm?page=2`) is cut to its path; the query
 * string and fragment are dropped; `.` and `..` are resolved; empty segments
 * (`//`, a trailing slash) go; each segment is percent-decoded and encoded
 * again the way the website's own paths are made (encodeURIComponent, so
 * `%e5%a4%a7`, `%E5%A4%A7` and `大` are one path). Case is kept: paths are
 * case-sensitive. Throws a PathProblem for what is not a path.
 */
export function normalizeWebsitePath(input: unknown): string {
  if (typeof input !== 'string' || !input.trim()) throw new PathProblem('A path is required, e.g. /en/articles/old-name')
  let value = input.trim()
  if (value.length > MAX_PATH_LENGTH) throw new PathProblem(`A path may be at most ${MAX_PATH_LENGTH} characters long`)
  if (SCHEME.test(value)) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new PathProblem(`"${value}" is not a URL or a path`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PathProblem(`"${value}" is not a web address or a path`)
    value = url.pathname
  } else if (!value.startsWith('/') || value.startsWith('//')) {
    throw new PathProblem(`A path starts with a single "/", e.g. /en/articles/old-name (got "${value}")`)
  }
  // Query and fragment say nothing about which page: the same page whatever they hold.
  value = value.replace(/[?#].*$/s, '')
  // Resolves "." and ".." as a browser does, on an origin that never answers.
  const resolved = new URL(value, 'http://path.invalid').pathname
  const segments = resolved.split('/').filter(Boolean).map((segment) => {
    try {
      return encodeURIComponent(decodeURIComponent(segment))
    } catch {
      throw new PathProblem(`"${input.trim()}" has a malformed percent-encoding ("%" must be followed by two hexadecimal digits)`)
    }
  })
  const path = `/${segments.join('/')}`
  if (path.length > MAX_PATH_LENGTH) throw new PathProblem(`A path may be at most ${MAX_PATH_LENGTH} characters long`)
  return path
}

/** The normalized path, or undefined when the value is not one. */
export function normalizedOrUndefined(input: unknown): string | undefined {
  try {
    return normalizeWebsitePath(input)
  } catch (error) {
    if (error instanceof PathProblem) return undefined
    throw error
  }
}

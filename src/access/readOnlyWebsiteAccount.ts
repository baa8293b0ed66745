import { Forbidden, type Access, type Endpoint, type PayloadHandler, type SanitizedConfig } from 'payload'

import { can } from '../policy/roles'

const WRITE_ACCESS = ['create', 'delete', 'unlock', 'update'] as const
const READ_METHODS = new Set(['get', 'head', 'options'])

type AnyAccess = (args: { req: { user?: unknown } } & Record<string, unknown>) => unknown

/** Functions already guarded: a config object Payload reuses is not wrapped twice. */
const guardedAccess = new WeakSet<AnyAccess>()

function refuseWebsite<T extends AnyAccess>(access: T | undefined): T {
  if (access && guardedAccess.has(access)) return access
  const guarded = (args: Parameters<T>[0]) => {
    if (can(args.req.user, 'apiKeyOnly')) return false
    return access ? access(args) : Boolean(args.req.user)
  }
  guardedAccess.add(guarded as AnyAccess)
  return guarded as T
}

const guardedHandlers = new WeakSet<PayloadHandler>()

/** Replaces (never mutates: Payload shares its default endpoint objects between collections) every endpoint but GET. */
function readOnlyEndpoints(endpoints: Endpoint[] | false | undefined): void {
  if (!endpoints) return
  endpoints.forEach((endpoint, index) => {
    if (READ_METHODS.has(endpoint.method) || guardedHandlers.has(endpoint.handler)) return
    const handler: PayloadHandler = endpoint.handler
    const guarded: PayloadHandler = async (req) => {
      if (can(req.user, 'apiKeyOnly')) throw new Forbidden(req.t)
      return handler(req)
    }
    guardedHandlers.add(guarded)
    endpoints[index] = { ...endpoint, handler: guarded }
  })
}

/**
 * The website's account reads and never writes. Every write permission of a
 * built config is refused to it: the project's collections and globals, and
 * Payload's own (preferences, locked documents, migrations, jobs), whose
 * defaults let any signed-in account write. Endpoints other than GET are
 * refused to it as well (403), since some of Payload's (preferences) write
 * without asking access control. Anything added later is covered the same way.
 */
export function keepWebsiteAccountReadOnly(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    for (const operation of WRITE_ACCESS) {
      collection.access[operation] = refuseWebsite(collection.access[operation] as AnyAccess | undefined) as Access
    }
    readOnlyEndpoints(collection.endpoints)
  }
  for (const global of config.globals) {
    global.access.update = refuseWebsite(global.access.update as AnyAccess | undefined) as Access
    readOnlyEndpoints(global.endpoints)
  }
  readOnlyEndpoints(config.endpoints)
  const jobsAccess = config.jobs.access ?? (config.jobs.access = {})
  jobsAccess.cancel = refuseWebsite(jobsAccess.cancel as AnyAccess | undefined) as typeof jobsAccess.cancel
  jobsAccess.queue = refuseWebsite(jobsAccess.queue as AnyAccess | undefined) as typeof jobsAccess.queue
  jobsAccess.run = refuseWebsite(jobsAccess.run as AnyAccess | undefined) as typeof jobsAccess.run
  return config
}

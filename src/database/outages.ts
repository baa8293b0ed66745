import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

import { isDatabaseUnavailable } from '../hooks/databaseUnavailable'
import { currentRequestScope } from '../http/requestScope'

/** The adapter's methods that read or write documents: every way a request reaches the database through Payload. */
const DATA_METHODS = [
  'count',
  'countGlobalVersions',
  'countVersions',
  'create',
  'createGlobal',
  'createGlobalVersion',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'find',
  'findDistinct',
  'findGlobal',
  'findGlobalVersions',
  'findOne',
  'findVersions',
  'queryDrafts',
  'updateGlobal',
  'updateGlobalVersion',
  'updateJobs',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const

type DataMethod = (this: BaseDatabaseAdapter, ...args: unknown[]) => Promise<unknown>

/**
 * Wraps a database adapter so that, inside an API request
 * (src/http/requestScope.ts), a failure that says the database cannot be
 * reached is noted on the request, whoever catches it afterwards: Payload's
 * sign-in strategies, for one, take an account that could not be loaded for
 * no account, which would answer 403 or "signed out" instead of 503. Once a
 * request has met an outage, its further calls fail at once instead of each
 * waiting for a server again, so the request answers within one wait.
 */
export function reportingDatabaseOutages<T extends BaseDatabaseAdapter>(result: DatabaseAdapterObj<T>): DatabaseAdapterObj<T> {
  return {
    ...result,
    init: (args) => {
      const adapter = result.init(args)
      const methods = adapter as unknown as Record<string, DataMethod | undefined>
      for (const name of DATA_METHODS) {
        const original = methods[name]
        if (typeof original !== 'function') continue
        methods[name] = async function (this: BaseDatabaseAdapter, ...callArgs: unknown[]) {
          const scope = currentRequestScope()
          if (scope?.databaseOutage) throw scope.databaseOutage
          try {
            return await original.apply(this, callArgs)
          } catch (error) {
            if (scope && isDatabaseUnavailable(error)) scope.databaseOutage = error
            throw error
          }
        }
      }
      return adapter
    },
  }
}

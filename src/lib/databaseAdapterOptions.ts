import type { mongooseAdapter } from '@payloadcms/db-mongodb'

import { omitProjectionInFindAndModify } from './ferretdbCompatibility'

type AdapterOptions = Partial<Parameters<typeof mongooseAdapter>[0]>

/**
 * Adapter options for the database server in use. The launcher (server,
 * scripts, tests) inspects the server before Payload starts and records what it
 * found in DATABASE_SERVER_KIND. On real MongoDB nothing is changed.
 *
 * FerretDB v1 is never a replica set, so the adapter runs without transactions
 * by itself; what else it lacks is listed in the README.
 */
export function databaseAdapterOptions(serverKind = process.env.DATABASE_SERVER_KIND): AdapterOptions {
  if (serverKind !== 'ferretdb') return {}
  return {
    // FerretDB v1 has no $lookup stage (its buildInfo lists the aggregation stages it supports):
    // resolve join fields with queries instead of aggregation pipelines.
    useJoinAggregations: false,
    afterCreateConnection: async (adapter) => {
      adapter.connection.plugin(omitProjectionInFindAndModify)
    },
  }
}

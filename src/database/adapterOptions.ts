import type { mongooseAdapter } from '@payloadcms/db-mongodb'

import { probeDatabaseServer } from './serverCapabilities'
import { readDatabaseSelectionTimeoutMs, readDatabaseTimeoutMs } from '../settings/environment'
import { skipUnselectedJoins } from './unselectedJoins'

type AdapterOptions = Partial<Parameters<typeof mongooseAdapter>[0]>

/**
 * Adapter options that follow what the database server can do, and how
 * long the CMS waits for it.
 *
 * Every process that opens Payload (server, scripts, tests, a server a test
 * spawns) probes the server it connected to (src/database/serverCapabilities.ts), so
 * none can start with options meant for another server. On MongoDB nothing
 * changes. Transactions need no option: the adapter turns them off by itself
 * when the connection is not to a replica set. Reads leave out the join
 * fields their `select` does not name (src/database/unselectedJoins.ts).
 *
 * Outages (docs/security.md, "Faults"): an operation waits at most
 * DATABASE_SELECTION_TIMEOUT_MS (2 s) for a server and a connection to it
 * (the driver's default, 30 s, kept every request waiting that long once the
 * database was gone; 2 s is ample for a server that is there), and takes at most
 * DATABASE_TIMEOUT_MS in all (the driver's `timeoutMS`, which also sends
 * `maxTimeMS` so the server gives up too, and bounds the driver's own
 * retries). Mongoose does not queue operations while it is disconnected
 * (`bufferCommands: false`): a queued write would be carried out when the
 * database came back, after its request had been answered with an error or
 * abandoned by its client.
 */
export function databaseAdapterOptions(): AdapterOptions {
  const timeoutMs = readDatabaseTimeoutMs()
  return {
    afterCreateConnection: async (adapter) => {
      skipUnselectedJoins(adapter)
      // Mongoose keeps the stack of every query it runs, to report a query run twice. Formatting that
      // stack on every query (Next patches stack formatting in the same process) cost about a
      // millisecond of CPU per website call; a query run twice still fails, without the first stack.
      adapter.connection.base.set('skipOriginalStackTraces', true)
    },
    afterOpenConnection: async (adapter) => {
      const db = adapter.connection.db
      if (!db) return
      const { capabilities } = await probeDatabaseServer(db)
      // Servers without `$lookup` sub-pipelines (mongo-java-server): join fields are resolved by queries instead.
      if (!capabilities.joinAggregations) adapter.useJoinAggregations = false
    },
    connectOptions: {
      bufferCommands: false,
      serverSelectionTimeoutMS: readDatabaseSelectionTimeoutMs(),
      ...(timeoutMs > 0 ? { timeoutMS: timeoutMs } : {}),
    },
  }
}

import type { mongooseAdapter } from '@payloadcms/db-mongodb'

import { probeDatabaseServer } from './databaseServer'
import { skipUnselectedJoins } from './unselectedJoins'

type AdapterOptions = Partial<Parameters<typeof mongooseAdapter>[0]>

/**
 * Adapter options that follow what the database server can do. Every process
 * that opens Payload (server, scripts, tests, a server a test spawns) probes
 * the server it connected to (src/lib/databaseServer.ts), so none can start
 * with options meant for another server. On MongoDB nothing changes.
 *
 * Reads leave out the join fields their `select` does not name
 * (src/lib/unselectedJoins.ts), on every server.
 *
 * Transactions need no option: the adapter turns them off by itself when the
 * connection is not to a replica set.
 */
export function databaseAdapterOptions(): AdapterOptions {
  return {
    afterCreateConnection: async (adapter) => {
      skipUnselectedJoins(adapter)
    },
    afterOpenConnection: async (adapter) => {
      const db = adapter.connection.db
      if (!db) return
      const { capabilities } = await probeDatabaseServer(db)
      // Servers without `$lookup` sub-pipelines (mongo-java-server): join fields are resolved by queries instead.
      if (!capabilities.joinAggregations) adapter.useJoinAggregations = false
    },
  }
}

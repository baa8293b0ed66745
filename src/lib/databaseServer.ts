import { MongoClient } from 'mongodb'

export type DatabaseServerInfo = {
  kind: 'ferretdb' | 'mongodb'
  /** Whether the connection is to a replica set, so Payload can use transactions. */
  replicaSet: boolean
  version: string
}

/**
 * Connects once and asks the server who it is. FerretDB adds `ferretdbVersion`
 * to its `buildInfo` reply; MongoDB does not. Fails with the driver's message
 * when the server cannot be reached within timeoutMs.
 */
export async function inspectDatabaseServer(uri: string, timeoutMs = 5_000): Promise<DatabaseServerInfo> {
  const client = new MongoClient(uri, {
    connectTimeoutMS: timeoutMs,
    serverSelectionTimeoutMS: timeoutMs,
  })
  try {
    await client.connect()
    const admin = client.db('admin')
    const buildInfo = await admin.command({ buildInfo: 1 })
    const hello = await admin.command({ hello: 1 })
    return {
      kind: buildInfo.ferretdb || buildInfo.ferretdbVersion ? 'ferretdb' : 'mongodb',
      replicaSet: typeof hello.setName === 'string',
      version: String(buildInfo.version),
    }
  } finally {
    await client.close()
  }
}

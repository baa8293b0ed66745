import { MongoClient, MongoServerError, type Db, type Document } from 'mongodb'

/** What a MongoDB-compatible server can do, found by asking it, not by its name. */
export type DatabaseCapabilities = {
  /** `explain` answers, so query plans can be checked. */
  explain: boolean
  /** `$lookup` with `localField`, `foreignField` and a `pipeline` (MongoDB 5.0+), as Payload builds joins. */
  joinAggregations: boolean
  /** Snapshot reads (MongoDB 5.0+ on a replica set or sharded cluster), for consistent backups. */
  snapshotReads: boolean
  /** The server is a replica set member or a mongos, so Payload can use transactions. */
  transactions: boolean
}

export type DatabaseServerInfo = {
  capabilities: DatabaseCapabilities
  /** For messages, e.g. `MongoDB 8.0.4 (replica set)` or `mongo-java-server (protocol of MongoDB 5.0.0)`. */
  description: string
  version: string
}

function isCommandNotFound(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 59 || error.codeName === 'CommandNotFound')
}

/** `hello`, or `isMaster` on servers older than MongoDB 4.4 or not implementing `hello`; the answers carry the same fields. */
export async function helloReply(db: Db): Promise<Document> {
  const admin = db.admin()
  try {
    return await admin.command({ hello: 1 })
  } catch (error) {
    if (!isCommandNotFound(error)) throw error
    return admin.command({ isMaster: 1 })
  }
}

async function answers(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work()
    return true
  } catch (error) {
    if (error instanceof MongoServerError) return false
    throw error
  }
}

/**
 * Asks the server what it can do, on a connection already open to the
 * database Payload uses. The probes read nothing and write nothing: the
 * `$lookup` runs over `payload-migrations` (a collection Payload keeps
 * anyway) and stops at its first document, `explain` plans an empty query.
 */
export async function probeDatabaseServer(db: Db): Promise<DatabaseServerInfo> {
  const buildInfo = await db.admin().command({ buildInfo: 1 })
  const hello = await helloReply(db)
  const version = String(buildInfo.version)
  const transactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid'
  const probed = db.collection('payload-migrations')
  const joinAggregations = await answers(() =>
    probed
      .aggregate([{ $limit: 1 }, { $lookup: { as: 'probe', foreignField: '_id', from: 'payload-migrations', localField: '_id', pipeline: [{ $limit: 1 }] } }])
      .toArray(),
  )
  const explain = await answers(() => db.command({ explain: { filter: { _id: null }, find: 'payload-migrations' }, verbosity: 'queryPlanner' }))
  const serverStatus = await db.admin().command({ serverStatus: 1 }).catch(() => ({}) as Document)
  const name = serverStatus.process === 'java' ? `mongo-java-server (protocol of MongoDB ${version})` : `MongoDB ${version}`
  return {
    capabilities: {
      explain,
      joinAggregations,
      snapshotReads: transactions && Number(version.split('.')[0]) >= 5,
      transactions,
    },
    description: `${name}${transactions ? (hello.msg === 'isdbgrid' ? ' (sharded cluster)' : ' (replica set)') : ''}`,
    version,
  }
}

/**
 * Connects once and probes the server (probeDatabaseServer). Fails with the
 * driver's message when the server cannot be reached within timeoutMs.
 */
export async function inspectDatabaseServer(uri: string, timeoutMs = 5_000): Promise<DatabaseServerInfo> {
  const client = new MongoClient(uri, {
    connectTimeoutMS: timeoutMs,
    serverSelectionTimeoutMS: timeoutMs,
  })
  try {
    await client.connect()
    return await probeDatabaseServer(client.db())
  } finally {
    await client.close()
  }
}

import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import mongoose from 'mongoose'
import type { ClientSession, Db } from 'mongodb'
import type { Payload, PayloadRequest } from 'payload'

/**
 * The one file that reaches into Payload's MongoDB adapter beyond its public
 * `payload.db` methods: the native database, the mongoose models of a
 * collection and of its versions, and the session of a request's
 * transaction. Everything else asks here, so a Payload upgrade that moves
 * these is mended in one place.
 */

type Adapter = MongooseAdapter

function adapterOf(payload: Payload): Adapter {
  return payload.db as unknown as Adapter
}

/** The native driver's database of the open connection; throws when there is none. */
export function nativeDatabase(payload: Payload): Db {
  const database = adapterOf(payload).connection?.db
  if (!database) throw new Error('the database connection is not open')
  return database
}

/** The native database when a connection is open, otherwise undefined (health checks, shutdown). */
export function openNativeDatabase(payload: Payload): Db | undefined {
  return adapterOf(payload).connection?.db ?? undefined
}

/** The mongoose model Payload keeps for a collection: for bulk writes, projections and counts its adapter has no words for. */
export function collectionModel(payload: Payload, slug: string): Adapter['collections'][string] {
  return adapterOf(payload).collections[slug]
}

/** Every collection's mongoose model, by slug. */
export function collectionModels(payload: Payload): Adapter['collections'] {
  return adapterOf(payload).collections
}

/** The mongoose model of a collection's versions (drafts and published snapshots). */
export function versionsModel(payload: Payload, slug: string): Adapter['versions'][string] {
  return adapterOf(payload).versions[slug]
}

/** The session of the request's open transaction, for writes that must commit or roll back with it. */
export async function transactionSession(req: PayloadRequest | undefined): Promise<ClientSession | undefined> {
  if (!req) return undefined
  const transactionID = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  if (transactionID === undefined || transactionID === null) return undefined
  const session = adapterOf(req.payload).sessions?.[transactionID]
  return session?.inTransaction() ? session : undefined
}

/** Drops the connected database: for throw-away databases (tests, benchmarks) only. */
export async function dropConnectedDatabase(payload: Payload): Promise<void> {
  await adapterOf(payload).connection?.dropDatabase()
}

/** The driver's client of the open connection (command monitoring in tests and benchmarks). */
export function databaseClient(payload: Payload): ReturnType<Adapter['connection']['getClient']> | undefined {
  return adapterOf(payload).connection?.getClient()
}

/**
 * Forgets the Payload instance getPayload keeps on the global object, so the
 * next boot in the same process (a test file after another, under jest)
 * builds its own from its own settings.
 */
export function forgetPayloadInstance(): void {
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('default')
}

/**
 * Runs a start of Payload and, when it fails, closes the database
 * connections it opened: Payload leaves the connection of a failed start to
 * Mongoose, which would go on reconnecting in the background and keep the
 * process (a test run, a script) alive.
 */
export async function closingConnectionsOnFailure<T>(start: () => Promise<T>): Promise<T> {
  const before = new Set(mongoose.connections)
  try {
    return await start()
  } catch (error) {
    // Payload's adapter opens its own connection (mongoose.createConnection), which Mongoose lists.
    const opened = mongoose.connections.filter((connection) => !before.has(connection))
    await Promise.all(opened.map((connection) => connection.close(true).catch(() => undefined)))
    throw error
  }
}

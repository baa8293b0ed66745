import type { CommandStartedEvent } from 'mongodb'
import type { Payload } from 'payload'

import { databaseClient } from '../../src/database/payloadInternals'

/** One command the driver sent: its name and the collection it is about, e.g. `find articles`. */
export type DatabaseCommand = { collection?: string; name: string; text: string }

type MongoClientLike = {
  off(event: 'commandStarted', listener: (event: CommandStartedEvent) => void): void
  on(event: 'commandStarted', listener: (event: CommandStartedEvent) => void): void
}

function clientOf(payload: Payload): MongoClientLike {
  const client = databaseClient(payload)
  if (!client) throw new Error('Payload has no MongoDB connection')
  return client as unknown as MongoClientLike
}

const NOT_ABOUT_A_COLLECTION = new Set(['endSessions', 'getMore', 'killCursors', 'ping'])

/**
 * The commands the driver sends to the database while `work` runs, in order,
 * for a suite started with `startPayloadForSuite(name, { monitorCommands: true })`.
 * Server monitoring (heartbeats) is not included: the driver reports it as
 * events of its own. Counts are stable from run to run, so a test can pin
 * them and a change that asks the database for more fails.
 */
export async function recordDatabaseCommands<T>(payload: Payload, work: () => Promise<T>): Promise<{ commands: DatabaseCommand[]; result: T }> {
  const client = clientOf(payload)
  const commands: DatabaseCommand[] = []
  const listener = (event: CommandStartedEvent) => {
    const target = event.command[event.commandName]
    const collection = !NOT_ABOUT_A_COLLECTION.has(event.commandName) && typeof target === 'string' ? target : undefined
    commands.push({ collection, name: event.commandName, text: collection ? `${event.commandName} ${collection}` : event.commandName })
  }
  client.on('commandStarted', listener)
  try {
    const result = await work()
    return { commands, result }
  } finally {
    client.off('commandStarted', listener)
  }
}

import { describe, expect, it } from '@jest/globals'
import mongoose from 'mongoose'

import { startPayloadForSuite } from '../helpers/startPayloadForSuite'

describe('a suite whose Payload fails to start', () => {
  it('closes the database connection the start opened, so no client is left reconnecting and holding the run open', async () => {
    const before = new Set(mongoose.connections)
    let connected: mongoose.ConnectionStates | undefined
    const start = startPayloadForSuite('failed_start', {
      // Fails once connected, as a start-up step that timed out on a busy database server would.
      onInit: (payload) => {
        connected = (payload.db as unknown as { connection: mongoose.Connection }).connection.readyState
        throw new Error('the start-up step failed')
      },
    })
    await expect(start).rejects.toThrow('the start-up step failed')
    expect(connected).toBe(mongoose.ConnectionStates.connected)
    const opened = mongoose.connections.filter((connection) => !before.has(connection))
    expect(opened).not.toHaveLength(0)
    expect(opened.map((connection) => connection.readyState)).toEqual(opened.map(() => mongoose.ConnectionStates.disconnected))
  })
})

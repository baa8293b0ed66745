import net from 'node:net'

/** What went through a proxy so far: commands sent and bytes answered, server monitoring left out. */
export type WireCounts = { bytesFromDatabase: number; commands: number }

export type DatabaseProxy = {
  counts(): WireCounts
  stop(): Promise<void>
  /** The connection string to give the server under test instead of the database's own. */
  uri: string
}

/** Commands of the driver's own server monitoring, not of the application: left out of the counts. */
const MONITORING = new Set(['hello', 'ismaster'])
const OP_MSG = 2013
const OP_QUERY = 2004

/**
 * Splits a byte stream into MongoDB wire-protocol messages (each starts with
 * its own length) and hands each complete one to `onMessage`.
 */
function messageReader(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0)
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0)
      if (pending.length < length) break
      onMessage(pending.subarray(0, length))
      pending = pending.subarray(length)
    }
  }
}

/** The command a request message carries: the first key of its body document (OP_MSG), or the legacy handshake's query. */
function commandName(message: Buffer): string {
  const opCode = message.readInt32LE(12)
  if (opCode === OP_QUERY) return 'ismaster'
  if (opCode !== OP_MSG || message.length < 27 || message[20] !== 0) return 'other'
  // header (16) + flags (4) + section kind (1) + document length (4) + element type (1): the key starts at 26.
  const end = message.indexOf(0, 26)
  return message.toString('utf8', 26, end).toLowerCase()
}

/**
 * A loopback TCP proxy in front of a MongoDB-compatible server that counts
 * the commands a client sends and the bytes it is answered, reading only
 * each message's header and command name. Any server that speaks the wire
 * protocol can be measured this way, and the CMS and the reference server
 * alike: each gets a proxy of its own.
 *
 * The connection string it gives asks for a direct connection, so a driver
 * never goes around the proxy to the members a replica set names.
 */
export async function startDatabaseProxy(targetUri: string): Promise<DatabaseProxy> {
  const target = new URL(targetUri)
  const counts: WireCounts = { bytesFromDatabase: 0, commands: 0 }
  const sockets = new Set<net.Socket>()

  const server = net.createServer((client) => {
    const database = net.connect({ host: target.hostname, port: Number(target.port || 27017) })
    sockets.add(client).add(database)
    const monitoringRequests = new Set<number>()
    client.on(
      'data',
      messageReader((message) => {
        if (MONITORING.has(commandName(message))) monitoringRequests.add(message.readInt32LE(4))
        else counts.commands += 1
        database.write(message)
      }),
    )
    database.on(
      'data',
      messageReader((message) => {
        const respondsTo = message.readInt32LE(8)
        if (!monitoringRequests.delete(respondsTo)) counts.bytesFromDatabase += message.length
        client.write(message)
      }),
    )
    const close = () => {
      client.destroy()
      database.destroy()
      sockets.delete(client)
      sockets.delete(database)
    }
    client.on('close', close).on('error', close)
    database.on('close', close).on('error', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo

  const proxied = new URL(targetUri)
  proxied.host = `127.0.0.1:${port}`
  proxied.searchParams.delete('replicaSet')
  proxied.searchParams.set('directConnection', 'true')

  return {
    counts: () => ({ ...counts }),
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    uri: proxied.toString(),
  }
}

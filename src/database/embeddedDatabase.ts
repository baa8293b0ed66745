/** A database server this process started itself, for development, scripts and tests. */
export type EmbeddedDatabase = {
  /** Directory holding the server's data files. */
  dataDir: string
  kind: 'mongo-java-server' | 'mongod'
  /** The server process's id while it runs (e.g. to kill it in a test). */
  pid(): number | undefined
  port: number
  /** Starts the server again after stop(), on the same port and data. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Connection string for a database of the given name on this server. */
  uri(databaseName: string): string
}

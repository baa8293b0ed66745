/** A database server this process started itself, for development, scripts and tests. */
export type EmbeddedDatabase = {
  /** Directory holding the server's data files. */
  dataDir: string
  kind: 'ferretdb' | 'mongod'
  port: number
  /** Starts the server again after stop(), on the same port and data. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Connection string for a database of the given name on this server. */
  uri(databaseName: string): string
}

import fs from 'node:fs'

export default async function globalTeardown(): Promise<void> {
  const database = globalThis.testDatabase
  if (!database) return
  await database.server?.stop()
  fs.rmSync(database.dataDir, { force: true, recursive: true })
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MongooseAdapter } from '@payloadcms/db-mongodb'

import type { Article } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/** A published article missing from the search index (a save cut short) is back in it soon after the production server starts. */

let suite: SuiteContext
let server: RunningServer | undefined
let article: Article

beforeAll(async () => {
  suite = await startPayloadForSuite('startup_repair')
  // Applied now, so that the server's start finds none pending (one of them builds the search index).
  await suite.payload.db.migrate()
  const content = new JournalContent(suite.payload)
  const section = await content.section({ title: 'Start-up' })
  const author = await content.author({ name: 'Start-up author' })
  article = await content.article({ authors: [author.id], section: section.id, title: 'Dropped from the index' })
  await (suite.payload.db as unknown as MongooseAdapter).collections['search-entries'].collection.deleteMany({ docId: article.id })
}, 60_000)

afterAll(async () => {
  await server?.stop()
  await suite?.close()
}, 60_000)

describe('the production server at start-up', () => {
  it('puts a published article missing from the search index back, without anyone running npm run reindex', async () => {
    server = await startProductionServer({ databaseUri: process.env.DATABASE_URI! })
    let hits = 0
    for (let attempt = 0; attempt < 60 && hits === 0; attempt += 1) {
      const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent('Dropped from the index')}`)
      hits = JSON.stringify(await response.json()).includes(article.id) ? 1 : 0
      if (hits === 0) await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(hits).toBe(1)
  }, 120_000)
})

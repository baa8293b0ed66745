import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'
import { ObjectId, type Collection, type Document } from 'mongodb'

import { up } from '../../migrations/20261128_180000_backfill_article_workflow'
import type { Article } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Articles stored before the editorial workflow: their review state and
 * languages are filled in from what they hold, in the articles and in their
 * versions, and nothing already set is touched.
 */

let suite: SuiteContext
let articles: Collection
let versions: Collection
let published: Article
let draft: Article
let alreadyInReview: Article

const WORKFLOW_FIELDS = { availableLocales: '', missingLocales: '', workflowStatus: '' }
const VERSION_WORKFLOW_FIELDS = { 'version.availableLocales': '', 'version.missingLocales': '', 'version.workflowStatus': '' }

beforeAll(async () => {
  suite = await startPayloadForSuite('migration-backfill-workflow')
  articles = suite.payload.db.collections.articles.collection as unknown as Collection
  versions = suite.payload.db.versions.articles.collection as unknown as Collection
  const content = new JournalContent(suite.payload)
  const section = await content.section({ title: 'Master forum' })
  const author = await content.author({ name: 'Li Hua' })
  published = await content.article({
    authors: [author.id],
    body: lexicalDocument(['English body']),
    lead: 'English lead',
    section: section.id,
    title: 'Published before the workflow',
  })
  await suite.payload.update({ collection: 'articles', data: { title: '只有标题' }, id: published.id, locale: 'zh', overrideAccess: true })
  draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'A draft before the workflow' })
  alreadyInReview = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Already in review' })
  await suite.payload.update({ collection: 'articles', data: { workflowStatus: 'in-review' }, draft: true, id: alreadyInReview.id, overrideAccess: true })

  // As the database held them before the workflow's fields existed.
  await articles.updateMany({ _id: { $in: [published.id, draft.id].map(objectId) } }, { $unset: WORKFLOW_FIELDS })
  await versions.updateMany({ parent: { $in: [published.id, draft.id].map(objectId) } }, { $unset: VERSION_WORKFLOW_FIELDS })
})

afterAll(async () => {
  await suite?.close()
})

const objectId = (id: string) => new ObjectId(id)

async function stored(id: string): Promise<Document | null> {
  return articles.findOne({ _id: objectId(id) })
}

async function latestVersion(id: string): Promise<Document | null> {
  return versions.findOne({ latest: true, parent: objectId(id) })
}

describe('the workflow backfill migration', () => {
  it('starts from articles without the fields', async () => {
    expect(await stored(published.id)).not.toHaveProperty('workflowStatus')
    expect((await latestVersion(draft.id))?.version).not.toHaveProperty('missingLocales')
  })

  it('derives the review state and the languages of every article and version', async () => {
    await up({ payload: suite.payload, req: await createLocalReq({}, suite.payload) } as never)

    expect(await stored(published.id)).toMatchObject({ availableLocales: ['en'], missingLocales: ['zh'], workflowStatus: 'published' })
    expect((await latestVersion(published.id))?.version).toMatchObject({ missingLocales: ['zh'], workflowStatus: 'published' })
    expect((await latestVersion(draft.id))?.version).toMatchObject({ availableLocales: [], missingLocales: ['en', 'zh'], workflowStatus: 'draft' })
    expect((await latestVersion(alreadyInReview.id))?.version).toMatchObject({ workflowStatus: 'in-review' })
    const unversioned = await versions.countDocuments({ 'version.workflowStatus': null })
    expect(unversioned).toBe(0)
  })

  it('makes the old articles findable by the list view’s filters', async () => {
    const { docs } = await suite.payload.find({
      collection: 'articles',
      depth: 0,
      draft: true,
      overrideAccess: true,
      where: { and: [{ workflowStatus: { equals: 'draft' } }, { missingLocales: { in: ['en'] } }] },
    })
    expect(docs.map((doc) => doc.id)).toEqual([draft.id])
  })

  it('changes nothing when run again', async () => {
    const before = await stored(published.id)
    await up({ payload: suite.payload, req: await createLocalReq({}, suite.payload) } as never)
    expect(await stored(published.id)).toEqual(before)
  })
})

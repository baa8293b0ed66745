import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Model } from 'mongoose'

import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { testDatabaseCapabilities } from '../helpers/testDatabase'

let suite: SuiteContext

type IndexInfo = { key: Record<string, number>; name: string; unique?: boolean }

function model(slug: string): Model<unknown> {
  return (suite.payload.db as unknown as { collections: Record<string, Model<unknown>> }).collections[slug]
}

async function indexes(slug: string): Promise<IndexInfo[]> {
  await model(slug).init()
  return (await model(slug).collection.indexes()) as IndexInfo[]
}

function hasIndex(list: IndexInfo[], fields: string[], unique = false): boolean {
  return list.some((index) => {
    const keys = Object.keys(index.key)
    return keys.length === fields.length && fields.every((field, i) => keys[i] === field) && (!unique || index.unique === true)
  })
}

/** Names of the stages of a MongoDB winning plan, depth first. */
function planStages(plan: Record<string, unknown>): string[] {
  const stages = [String(plan.stage)]
  for (const key of ['inputStage', 'queryPlan']) {
    if (plan[key]) stages.push(...planStages(plan[key] as Record<string, unknown>))
  }
  for (const child of (plan.inputStages as Record<string, unknown>[] | undefined) ?? []) stages.push(...planStages(child))
  return stages
}

beforeAll(async () => {
  suite = await startPayloadForSuite('indexes')
})

afterAll(async () => {
  await suite?.close()
})

describe('indexes for the website’s queries', () => {
  it('every collection the website reads has a unique slug index', async () => {
    for (const slug of ['articles', 'authors', 'sections']) {
      expect({ slug, unique: hasIndex(await indexes(slug), ['slug'], true) }).toEqual({ slug, unique: true })
    }
  })

  it('articles are indexed by section and publication date, by author and by status', async () => {
    const list = await indexes('articles')
    expect(hasIndex(list, ['section', 'publishedAt'])).toBe(true)
    expect(hasIndex(list, ['_status', 'publishedAt'])).toBe(true)
    expect(hasIndex(list, ['authors'])).toBe(true)
  })

  it('contacts are indexed by organisation and display order', async () => {
    expect(hasIndex(await indexes('contacts'), ['organization', 'order'])).toBe(true)
  })

  // Plans can be checked only where the server answers `explain` (MongoDB; not mongo-java-server,
  // which serves equality on an indexed field from the index but cannot say so). The indexes above
  // exist on every server.
  const withExplain = testDatabaseCapabilities().explain ? it : it.skip
  withExplain('MongoDB answers each website query from an index, never a collection scan', async () => {
    const queries: [string, Record<string, unknown>, Record<string, 1 | -1>][] = [
      ['articles', { _status: 'published', slug: 'some-article' }, {}],
      ['articles', { _status: 'published' }, { publishedAt: -1 }],
      ['articles', { _status: 'published', section: '000000000000000000000001' }, { publishedAt: -1 }],
      ['articles', { _status: 'published', authors: '000000000000000000000001' }, { publishedAt: -1 }],
      ['authors', { slug: 'yuan-zheng' }, {}],
      ['sections', { slug: 'master-forum' }, {}],
      ['contacts', { organization: 'association', visible: true }, { order: 1 }],
    ]
    for (const [slug, filter, sort] of queries) {
      const explained = (await model(slug).find(filter).sort(sort).explain('queryPlanner')) as unknown as {
        queryPlanner: { winningPlan: Record<string, unknown> }
      }
      const stages = planStages(explained.queryPlanner.winningPlan)
      expect({ filter, slug, usesIndex: stages.includes('IXSCAN'), scans: stages.includes('COLLSCAN') }).toEqual({
        filter,
        scans: false,
        slug,
        usesIndex: true,
      })
    }
  })
})

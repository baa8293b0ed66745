/**
 * The "limit of the stack" for the benchmark: the website's queries done
 * with the MongoDB driver alone, answered as JSON by a bare Node HTTP
 * server. No framework, no access control, no hooks, no validation: what
 * is left is the database round trips, their documents and the JSON.
 *
 * Runs as a process of its own (like the CMS server), started by
 * bench/run.ts: `REFERENCE_DATABASE_URI=… PORT=0 tsx bench/referenceServer.ts`.
 * It prints `listening <port>` when ready.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'

import { type Db, type Document, type Filter, MongoClient, ObjectId, type Sort } from 'mongodb'

import { parseQuery } from '../src/search/tokenize'
import { REFERENCE_QUERIES } from './referenceQueries'

type Locale = 'en' | 'zh'
type Answer = { body: unknown; status?: number }

const PUBLISHED = { _status: 'published' }
const NEWEST_FIRST: Sort = { publishedAt: -1, _id: -1 }
const SUMMARY_FIELDS = ['slug', 'title', 'subtitle', 'lead', 'authors', 'section', 'featuredImage', 'issue', 'publishedAt', 'readingTime', 'availableLocales']
const LOCALIZED = new Set(['title', 'subtitle', 'lead', 'body', 'authorNote', 'keywords', 'name', 'position', 'affiliation', 'bio', 'description', 'label', 'address'])

/** A stored document as readers get it: localized fields in one language, `_id` as `id`. */
function inLocale(document: Document | null, locale: Locale): Document | null {
  if (!document) return null
  const result: Document = {}
  for (const [key, value] of Object.entries(document)) {
    const name = key === '_id' ? 'id' : key
    if (LOCALIZED.has(key) && value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof ObjectId)) result[name] = value[locale] ?? value.en
    else if (Array.isArray(value)) result[name] = value.map((item) => (item && typeof item === 'object' && !(item instanceof ObjectId) && !(item instanceof Date) ? inLocale(item, locale) : item))
    else result[name] = value
  }
  return result
}

const projectionOf = (fields: string[]) => Object.fromEntries(fields.map((field) => [field, 1]))

/** Replaces related ids by the related documents (one query per collection, as the CMS populates). */
async function populate(db: Db, docs: Document[], field: string, collection: string, fields: string[], locale: Locale): Promise<void> {
  const ids = [...new Set(docs.flatMap((doc) => (Array.isArray(doc[field]) ? doc[field] : [doc[field]])).filter(Boolean).map(String))]
  if (ids.length === 0) return
  const related = await db
    .collection(collection)
    .find({ _id: { $in: ids.map((id) => new ObjectId(id)) } }, { projection: projectionOf(fields) })
    .toArray()
  const byId = new Map(related.map((doc) => [String(doc._id), inLocale(doc, locale)]))
  for (const doc of docs) {
    doc[field] = Array.isArray(doc[field]) ? doc[field].map((id: unknown) => byId.get(String(id)) ?? id) : (byId.get(String(doc[field])) ?? doc[field])
  }
}

async function articleSummaries(db: Db, filter: Filter<Document>, locale: Locale, limit: number, skip = 0): Promise<Document[]> {
  const docs = (await db.collection('articles').find(filter, { limit, projection: projectionOf(SUMMARY_FIELDS), skip, sort: NEWEST_FIRST }).toArray()).map(
    (doc) => inLocale(doc, locale) as Document,
  )
  await Promise.all([
    populate(db, docs, 'authors', 'authors', ['name', 'slug'], locale),
    populate(db, docs, 'section', 'sections', ['breadcrumbs', 'slug', 'title'], locale),
  ])
  return docs
}

const routes: Record<string, (db: Db, parameter: string, search: URLSearchParams) => Promise<Answer>> = {
  async home(db, _parameter, search) {
    const locale = (search.get('locale') ?? 'en') as Locale
    const [latest, sections] = await Promise.all([
      articleSummaries(db, REFERENCE_QUERIES.homeLatest.filter, locale, 10),
      db.collection('sections').find(REFERENCE_QUERIES.shownSections.filter, { limit: 100, projection: { breadcrumbs: 1, slug: 1, title: 1 }, sort: { order: 1, _id: 1 } }).toArray(),
    ])
    const perSection = await Promise.all(
      sections.map(async (section) => ({
        articles: await articleSummaries(db, REFERENCE_QUERIES.sectionArticles.filter([section._id]), locale, 4),
        section: inLocale(section, locale),
      })),
    )
    return { body: { latest, sections: perSection.filter(({ articles }) => articles.length > 0) } }
  },

  async section(db, slug, search) {
    const locale = (search.get('locale') ?? 'en') as Locale
    const page = Number(search.get('page') ?? 1)
    const section = await db.collection('sections').findOne(REFERENCE_QUERIES.sectionBySlug.filter(slug))
    if (!section) return { body: { message: 'not found' }, status: 404 }
    const [branch, children] = await Promise.all([
      db.collection('sections').find(REFERENCE_QUERIES.sectionBranch.filter(section._id), { projection: { slug: 1 } }).toArray(),
      db.collection('sections').find({ parent: section._id, shownToReaders: true }, { projection: { breadcrumbs: 1, slug: 1, title: 1 }, sort: { order: 1, _id: 1 } }).toArray(),
    ])
    const filter = REFERENCE_QUERIES.sectionArticles.filter([section._id, ...branch.map((doc) => doc._id)])
    const [docs, totalDocs] = await Promise.all([articleSummaries(db, filter, locale, 10, (page - 1) * 10), db.collection('articles').countDocuments(filter)])
    return { body: { articles: { docs, page, totalDocs }, children: children.map((child) => inLocale(child, locale)), section: inLocale(section, locale) } }
  },

  async article(db, slug, search) {
    const locale = (search.get('locale') ?? 'en') as Locale
    const article = inLocale(await db.collection('articles').findOne(REFERENCE_QUERIES.articleBySlug.filter(slug)), locale)
    if (!article) return { body: { message: 'not found' }, status: 404 }
    await Promise.all([
      populate(db, [article], 'authors', 'authors', ['affiliation', 'name', 'photo', 'position', 'slug'], locale),
      populate(db, [article], 'section', 'sections', ['breadcrumbs', 'slug', 'title'], locale),
      populate(db, [article], 'featuredImage', 'media', [], locale),
    ])
    await populate(db, article.authors as Document[], 'photo', 'media', [], locale)
    return { body: article }
  },

  async author(db, slug, search) {
    const locale = (search.get('locale') ?? 'en') as Locale
    const author = inLocale(await db.collection('authors').findOne(REFERENCE_QUERIES.authorBySlug.filter(slug)), locale)
    if (!author) return { body: { message: 'not found' }, status: 404 }
    const filter = REFERENCE_QUERIES.authorArticles.filter(author.id)
    const [docs, totalDocs] = await Promise.all([articleSummaries(db, filter, locale, 10), db.collection('articles').countDocuments(filter)])
    return { body: { articles: { docs, totalDocs }, author } }
  },

  async directory(db, _parameter, search) {
    const locale = (search.get('locale') ?? 'en') as Locale
    const contacts = await db.collection('contacts').find(REFERENCE_QUERIES.directory.filter, { limit: 1000, sort: { order: 1, _id: 1 } }).toArray()
    return { body: { docs: contacts.map((contact) => inLocale(contact, locale)) } }
  },

  async search(db, _parameter, search) {
    const language = (search.get('locale') ?? 'en') as Locale
    const terms = parseQuery(search.get('q') ?? '').terms
    if (terms.length === 0) return { body: { docs: [] } }
    const projection: Document = { docId: 1, publishedAt: 1 }
    for (const term of terms) projection[`weights.${term}`] = 1
    const window = await db.collection('search-entries').find(REFERENCE_QUERIES.searchEntries.filter(language, terms), { limit: 201, projection, sort: { publishedAt: -1 } }).toArray()
    const ranked = window
      .map((entry) => ({ entry, score: terms.reduce((sum, term) => sum + Number(entry.weights?.[term] ?? 0), 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
    const ids = ranked.map(({ entry }) => new ObjectId(String(entry.docId)))
    const docs = await articleSummaries(db, { _id: { $in: ids }, ...PUBLISHED }, language, 10)
    return { body: { docs, totalDocs: window.length } }
  },

  async feed(db, locale) {
    const docs = await articleSummaries(db, REFERENCE_QUERIES.feed.filter(locale), locale as Locale, 20)
    return { body: { items: docs } }
  },
}

async function main(): Promise<void> {
  const uri = process.env.REFERENCE_DATABASE_URI
  if (!uri) throw new Error('REFERENCE_DATABASE_URI is not set')
  const client = await MongoClient.connect(uri)
  const db = client.db()
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://reference')
    const [, name = '', parameter = ''] = url.pathname.split('/')
    const route = routes[name]
    try {
      const answer = route ? await route(db, decodeURIComponent(parameter), url.searchParams) : { body: { message: 'not found' }, status: 404 }
      const json = JSON.stringify(answer.body)
      // The same conditional-request rule as the CMS: a strong validator of the body.
      const etag = `"${createHash('sha1').update(json).digest('base64url')}"`
      if ((answer.status ?? 200) === 200 && request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag })
        response.end()
        return
      }
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8', etag })
      response.end(json)
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ message: (error as Error).message }))
    }
  })
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address()
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`)
  })
  const stop = () => server.close(() => void client.close().then(() => process.exit(0)))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`reference server: ${(error as Error).message}\n`)
  process.exit(1)
})

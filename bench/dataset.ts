import { createLocalReq, type Payload } from 'payload'
import sharp from 'sharp'

import { migrations } from '../migrations'
import { lexicalBody } from '../src/import/lexicalBody'
import { SKIP_SEARCH_INDEX } from '../src/search/hooks'
import { rebuildShelves } from '../src/delivery/shelves/refreshShelves'
import { SKIP_SECTION_SHELVES } from '../src/delivery/shelves/hooks'
import { rebuildSearchIndex } from '../src/search/rebuildIndex'
import { loadSampleText, paragraphs, Random, type SampleText } from './sampleText'

/**
 * The benchmark's data set: a journal of a chosen size with the proportions
 * of the real one. It is written through Payload's Local API (hooks,
 * validation and versions as an editor's saves would make them), once per
 * database: a finished data set is recorded in the `bench-dataset`
 * collection and reused by later runs.
 */
export type DatasetPlan = {
  articles: number
  authors: number
  /** Sections holding articles, under a few journals. */
  sections: number
  contacts: number
  images: number
  /** Share of articles with a Chinese translation. */
  chineseShare: number
  /** Share of articles with a featured image. */
  imageShare: number
}

export function planFor(articles: number): DatasetPlan {
  return {
    articles,
    authors: Math.min(400, Math.max(20, Math.round(articles / 30))),
    chineseShare: 0.75,
    contacts: Math.min(300, Math.max(20, Math.round(articles / 40))),
    imageShare: 0.2,
    images: Math.min(60, Math.max(5, Math.round(articles / 200))),
    sections: Math.min(36, Math.max(4, Math.round(articles / 300))),
  }
}

/** What the scenarios need to know about the data set. */
export type DatasetSummary = {
  plan: DatasetPlan
  generatorVersion: number
  generatedAt: string
  /** Seconds spent writing it. */
  generationSeconds: number
  /** Slugs to request, spread over the whole set. */
  articleSlugs: string[]
  authorSlugs: string[]
  /** The section with most articles and how many it holds. */
  largestSection: { articles: number; slug: string }
  /** Words found in both languages' titles and bodies, for search queries. */
  searchTerms: { en: string[]; zh: string[] }
  /** An editor account for the upload scenario (this database only). */
  editor: { email: string; password: string }
}

const GENERATOR_VERSION = 2

/** Articles written at once while the data set is generated. */
const WRITERS = 3
const MARKER_COLLECTION = 'bench-dataset'
const SEED = 20261128
const JOURNALS = [
  { en: 'Journals', slug: 'journals', zh: '期刊' },
  { en: 'Reports', slug: 'reports', zh: '报告' },
  { en: 'Commentary', slug: 'commentary', zh: '评论' },
  { en: 'Studies', slug: 'studies', zh: '研究' },
]
const SECTION_TOPICS = [
  ['Master forum', '大家论坛'],
  ['International relations', '国际关系'],
  ['Regional security', '地区安全'],
  ['World economy', '世界经济'],
  ['Global governance', '全球治理'],
  ['Asia-Pacific', '亚太'],
  ['Europe and Central Asia', '欧洲与中亚'],
  ['Americas', '美洲'],
  ['Culture and exchange', '文化与交流'],
]
const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo']
const CHINESE_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭']
const GIVEN_NAMES = ['Wei', 'Na', 'Min', 'Jing', 'Lei', 'Yan', 'Tao', 'Hong', 'Jun', 'Ping', 'Hua', 'Qiang', 'Ying', 'Bo']
const CHINESE_GIVEN_NAMES = ['伟', '娜', '敏', '静', '磊', '燕', '涛', '红', '军', '平', '华', '强', '英', '博']
const POSITIONS = [
  ['Professor', '教授'],
  ['Research Fellow', '研究员'],
  ['Associate Professor', '副教授'],
  ['Director', '主任'],
  ['Senior Fellow', '高级研究员'],
]
const AFFILIATIONS = [
  ['School of International Studies, Peking University', '北京大学国际关系学院'],
  ['China Institute of International Studies', '中国国际问题研究院'],
  ['Institute of World Economics and Politics', '世界经济与政治研究所'],
  ['Shanghai Institutes for International Studies', '上海国际问题研究院'],
]

export type DatasetProgress = (message: string) => void

/** The recorded data set, or null when this database has none (or one of another size or generator). */
export async function recordedDataset(payload: Payload, plan: DatasetPlan): Promise<DatasetSummary | null> {
  const marker = await markerCollection(payload).findOne({ _id: 'dataset' as never })
  if (!marker) return null
  const summary = marker.summary as DatasetSummary
  if (summary.generatorVersion !== GENERATOR_VERSION || summary.plan.articles !== plan.articles) return null
  return summary
}

function markerCollection(payload: Payload) {
  const database = payload.db.connection.db
  if (!database) throw new Error('the database connection is not open')
  return database.collection(MARKER_COLLECTION)
}

/** Writes the data set into an empty database (after running the migrations a production start would run). */
export async function generateDataset(payload: Payload, plan: DatasetPlan, progress: DatasetProgress): Promise<DatasetSummary> {
  const started = Date.now()
  const existing = await payload.count({ collection: 'articles', overrideAccess: true })
  if (existing.totalDocs > 0) {
    throw new Error(`the benchmark database already holds ${existing.totalDocs} articles but no finished data set: drop it (or delete bench/data) and run again`)
  }
  await payload.db.migrate({ migrations: migrations as never })
  const random = new Random(SEED)
  const text = loadSampleText()
  // Derived data is built once at the end, not kept current save by save.
  const context = { [SKIP_SEARCH_INDEX]: true, [SKIP_SECTION_SHELVES]: true, skipWebhooks: true }

  const editor = { email: 'bench-editor@example.org', password: `Bench-${random.next().toString(36).slice(2)}-${Date.now().toString(36)}` }
  // The first account is always made an administrator; the upload scenario signs in as the editor after it.
  const administrator = { email: 'bench-admin@example.org', password: `Bench-${random.next().toString(36).slice(2)}-admin` }
  await payload.create({ collection: 'users', data: { ...administrator, name: 'Benchmark administrator', roles: ['admin'] }, overrideAccess: true })
  await payload.create({ collection: 'users', data: { ...editor, name: 'Benchmark editor', roles: ['editor'] }, overrideAccess: true })

  progress(`images: ${plan.images}`)
  const imageIds: (number | string)[] = []
  for (let index = 0; index < plan.images; index++) {
    const data = await photograph(random, 1600, 1067)
    const media = await payload.create({
      collection: 'media',
      context,
      data: { alt: `Photograph ${index + 1}` },
      file: { data, mimetype: 'image/jpeg', name: `photograph-${index + 1}.jpg`, size: data.length },
      overrideAccess: true,
    })
    imageIds.push(media.id)
  }

  progress(`sections: ${plan.sections}`)
  const sectionIds: (number | string)[] = []
  const sectionSlugs: string[] = []
  for (let index = 0; index < plan.sections; index++) {
    const journal = JOURNALS[index % JOURNALS.length]
    const parent = await sectionBySlug(payload, journal.slug, { en: journal.en, zh: journal.zh })
    const [en, zh] = SECTION_TOPICS[Math.floor(index / JOURNALS.length) % SECTION_TOPICS.length]
    const round = Math.floor(index / (JOURNALS.length * SECTION_TOPICS.length))
    const slug = `${journal.slug}-${en.toLowerCase().replace(/[^a-z]+/g, '-')}${round ? `-${round + 1}` : ''}`
    const section = await sectionBySlug(payload, slug, { en: round ? `${en} ${round + 1}` : en, zh: round ? `${zh}${round + 1}` : zh }, parent)
    sectionIds.push(section)
    sectionSlugs.push(slug)
  }

  progress(`authors: ${plan.authors}`)
  const authorIds: (number | string)[] = []
  const authorSlugs: string[] = []
  for (let index = 0; index < plan.authors; index++) {
    const surname = index % SURNAMES.length
    const given = Math.floor(index / SURNAMES.length) % GIVEN_NAMES.length
    const [position, positionZh] = random.pick(POSITIONS)
    const [affiliation, affiliationZh] = random.pick(AFFILIATIONS)
    const slug = `${SURNAMES[surname]}-${GIVEN_NAMES[given]}-${index + 1}`.toLowerCase()
    const author = await payload.create({
      collection: 'authors',
      context,
      data: {
        affiliation,
        name: `${SURNAMES[surname]} ${GIVEN_NAMES[given]}`,
        photo: index % 3 === 0 ? random.pick(imageIds) : undefined,
        position,
        slug,
      } as never,
      locale: 'en',
      overrideAccess: true,
    })
    await payload.update({
      collection: 'authors',
      context,
      data: { affiliation: affiliationZh, name: `${CHINESE_SURNAMES[surname]}${CHINESE_GIVEN_NAMES[given]}`, position: positionZh },
      id: author.id,
      locale: 'zh',
      overrideAccess: true,
    })
    authorIds.push(author.id)
    authorSlugs.push(slug)
  }

  progress(`contacts: ${plan.contacts}`)
  for (let index = 0; index < plan.contacts; index++) {
    const contact = await payload.create({
      collection: 'contacts',
      context,
      data: {
        email: `office${index + 1}@example.org`,
        kind: 'department',
        name: `Department ${index + 1}`,
        order: 100 + index,
        organization: index % 5 === 0 ? 'art-council' : 'association',
        phones: [{ extension: String(8000 + (index % 900)), number: '86-10-82005566' }],
      } as never,
      locale: 'en',
      overrideAccess: true,
    })
    await payload.update({ collection: 'contacts', context, data: { name: `第${index + 1}部` }, id: contact.id, locale: 'zh', overrideAccess: true })
  }

  const sectionCounts = new Map<number, number>()
  const articleSlugs: string[] = []
  let written = 0
  const writeArticle = async (index: number) => {
    // One random source per article: the same data set whatever order the concurrent writes finish in.
    const random = new Random(SEED * 31 + index)
    // Some sections are much fuller than others, as in the real journal.
    const sectionIndex = Math.min(plan.sections - 1, Math.floor(Math.pow(random.next(), 1.6) * plan.sections))
    sectionCounts.set(sectionIndex, (sectionCounts.get(sectionIndex) ?? 0) + 1)
    const slug = `article-${index + 1}`
    const withChinese = random.next() < plan.chineseShare
    const publishedAt = new Date(Date.UTC(2010, 0, 1) + Math.floor((index / plan.articles) * 16 * 365 * 86_400_000)).toISOString()
    const english = articleText(random, text, 'en')
    const article = await payload.create({
      collection: 'articles',
      context,
      data: {
        _status: 'published',
        authors: random.sample(authorIds, random.integer(1, 3)),
        featuredImage: random.next() < plan.imageShare ? random.pick(imageIds) : undefined,
        issue: { number: random.integer(1, 6), volume: 1 + Math.floor(index / 1000), year: Number(publishedAt.slice(0, 4)) },
        keywords: english.keywords,
        lead: english.lead,
        body: english.body,
        publishedAt,
        section: sectionIds[sectionIndex],
        slug,
        subtitle: english.subtitle,
        title: english.title,
      } as never,
      locale: 'en',
      overrideAccess: true,
    })
    if (withChinese) {
      const chinese = articleText(random, text, 'zh')
      await payload.update({
        collection: 'articles',
        context,
        data: { _status: 'published', body: chinese.body, keywords: chinese.keywords, lead: chinese.lead, subtitle: chinese.subtitle, title: chinese.title } as never,
        id: article.id,
        locale: 'zh',
        overrideAccess: true,
      })
    }
    if (index % Math.max(1, Math.floor(plan.articles / 1000)) === 0) articleSlugs.push(slug)
    written += 1
    if (written % 50 === 0) progress(`articles: ${written} of ${plan.articles} (${Math.round(written / ((Date.now() - started) / 1000))} per second overall)`)
  }
  // A few writers at once: the database server works while Payload prepares the next save.
  let next = 0
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < plan.articles) await writeArticle(next++)
    }),
  )
  articleSlugs.sort((a, b) => Number(a.slice('article-'.length)) - Number(b.slice('article-'.length)))

  progress('search index')
  await rebuildSearchIndex(payload)
  progress('section shelves')
  await rebuildShelves(await createLocalReq({}, payload))

  const [largestIndex, largestCount] = [...sectionCounts.entries()].sort((a, b) => b[1] - a[1])[0]
  const summary: DatasetSummary = {
    articleSlugs,
    authorSlugs: authorSlugs.filter((_, index) => index % Math.max(1, Math.floor(plan.authors / 100)) === 0),
    editor,
    generatedAt: new Date().toISOString(),
    generationSeconds: Math.round((Date.now() - started) / 1000),
    generatorVersion: GENERATOR_VERSION,
    largestSection: { articles: largestCount, slug: sectionSlugs[largestIndex] },
    plan,
    searchTerms: { en: ['alliance', 'security', 'regional order', 'cold war'], zh: ['同盟', '安全', '秩序', '规则'] },
  }
  await markerCollection(payload).replaceOne({ _id: 'dataset' as never }, { summary }, { upsert: true })
  return summary
}

async function sectionBySlug(
  payload: Payload,
  slug: string,
  title: { en: string; zh: string },
  parent?: number | string,
): Promise<number | string> {
  const found = await payload.find({ collection: 'sections', limit: 1, overrideAccess: true, where: { slug: { equals: slug } } })
  if (found.docs[0]) return found.docs[0].id
  const section = await payload.create({
    collection: 'sections',
    context: { skipWebhooks: true },
    data: { parent, slug, title: title.en } as never,
    locale: 'en',
    overrideAccess: true,
  })
  await payload.update({ collection: 'sections', context: { skipWebhooks: true }, data: { title: title.zh }, id: section.id, locale: 'zh', overrideAccess: true })
  return section.id
}

/** An article's text in one language, about as long as the journal's: 2,000–4,000 words, or 3,000–6,000 characters. */
export function articleText(random: Random, text: SampleText, language: 'en' | 'zh') {
  const sentences = text[language]
  const size = language === 'en' ? random.integer(2000, 4000) : random.integer(3000, 6000)
  const blocks = paragraphs(random, language, sentences, size)
  const headingEvery = Math.max(3, Math.floor(blocks.length / 4))
  const numerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']
  const bodyBlocks = blocks.flatMap((paragraph, index) => {
    const heading = index % headingEvery === 0 ? [{ kind: 'heading' as const, text: `${numerals[Math.floor(index / headingEvery)] ?? 'IX'}. ${clip(random.pick(sentences), 8, language)}` }] : []
    return [...heading, { kind: 'paragraph' as const, text: paragraph }]
  })
  return {
    body: lexicalBody(bodyBlocks),
    keywords: random.sample(sentences, 3).map((sentence) => clip(sentence, 2, language)),
    lead: random.pick(sentences),
    subtitle: clip(random.pick(sentences), 10, language),
    title: clip(random.pick(sentences), language === 'en' ? 9 : 14, language),
  }
}

/** The first words (English) or characters (Chinese) of a sentence, without closing punctuation. */
function clip(sentence: string, size: number, language: 'en' | 'zh'): string {
  const clipped = language === 'en' ? sentence.split(/\s+/).slice(0, size).join(' ') : [...sentence].slice(0, size).join('')
  return clipped.replace(/[\s,.;:，。；：、“”"]+$/u, '')
}

/** A JPEG with the texture of a photograph (smooth shapes and grain), so it compresses like one. */
export async function photograph(random: Random, width: number, height: number): Promise<Buffer> {
  const cells = 24
  const coarse = Buffer.alloc(cells * cells * 3)
  for (let index = 0; index < coarse.length; index++) coarse[index] = random.integer(30, 225)
  const base = sharp(coarse, { raw: { channels: 3, height: cells, width: cells } }).resize(width, height, { kernel: 'cubic' })
  const grain = Buffer.alloc(256 * 256 * 3)
  for (let index = 0; index < grain.length; index++) grain[index] = random.integer(0, 40)
  const grainTile = await sharp(grain, { raw: { channels: 3, height: 256, width: 256 } }).png().toBuffer()
  return base.composite([{ blend: 'overlay', input: grainTile, tile: true }]).jpeg({ quality: 88 }).toBuffer()
}

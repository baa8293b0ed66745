import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import sharp from 'sharp'

import { MEDIA_IMAGE_SIZES } from '../../collections/Media/imageSizes'
import type { Article, Author, Media, Section } from '../../src/payload-types'
import { lexicalDocument } from '../helpers/lexical'
import { photo } from '../helpers/mediaFiles'
import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { type JournalAuthors, type JournalSections, SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'

/**
 * The `seo` object of the website's page calls (docs/api.md, "Search and
 * sharing") and the sitemap's respect for "hide from search engines",
 * against a small bilingual journal: defaults when nothing is filled in,
 * overrides per language, hidden pages, canonical addresses, share images
 * in the `og` size, and REST and GraphQL answering the same.
 */

const WEBSITE = 'https://www.example.org'
const CMS = 'http://localhost:3000'

type Seo = {
  alternates: { href: string; hreflang: string }[]
  canonical: string
  description: null | string
  image: null | { alt: null | string; height: null | number; url: string; width: null | number }
  robots: string
  siteName: null | string
  title: string
  type: string
}
type WithSeo = { seo: null | Seo }

let suite: SuiteContext
let restoreEnvironment: (() => void) | undefined
let users: RoleUsers
let sections: JournalSections
let authors: JournalAuthors
let bilingual: Article
let withoutLead: Article
let siteImage: Media
let featured: Media
let small: Media

const OG = MEDIA_IMAGE_SIZES.find((size) => size.name === 'og')!

async function image(alt: string, altInChinese: string, size: { height: number; width: number }): Promise<Media> {
  const data = await photo(size, 'jpeg')
  const media = await suite.payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/jpeg', name: `${alt.toLowerCase().replace(/\W+/g, '-')}.jpg`, size: data.length },
    overrideAccess: true,
  })
  await suite.payload.update({ collection: 'media', data: { alt: altInChinese }, id: media.id, locale: 'zh', overrideAccess: true })
  return media
}

async function get<T>(path: `/api/${string}`, token?: string): Promise<T> {
  const { body, status } = await readJson<T>(suite.rest.get(path, { token }))
  if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(body)}`)
  return body
}

const seoOf = async (path: `/api/${string}`, token?: string): Promise<Seo> => {
  const { seo } = await get<WithSeo>(path, token)
  if (!seo) throw new Error(`${path} answered without seo`)
  return seo
}

const SEO_SELECTION = 'seo { title description siteName type canonical robots alternates { hreflang href } image { url width height alt } }'

async function graphqlSeo(query: string): Promise<Seo | null> {
  const response = await suite.rest.graphql(query)
  const json = (await response.json()) as { data?: Record<string, WithSeo | null>; errors?: unknown[] }
  if (json.errors?.length || !json.data) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(json.errors)}`)
  return Object.values(json.data)[0]?.seo ?? null
}

async function updateMeta(collection: 'articles' | 'authors' | 'sections', id: string, locale: 'en' | 'zh', meta: Record<string, unknown>): Promise<void> {
  await suite.payload.update({ collection, data: { meta }, id, locale, overrideAccess: true })
}

async function sitemapUrls(file: string): Promise<string[]> {
  const response = await suite.rest.get(`/api/sitemaps/${file}` as `/api/${string}`)
  expect(response.status).toBe(200)
  return [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1])
}

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment({ WEBSITE_URL: WEBSITE })
  suite = await startPayloadForSuite('seo_page_seo')
  users = await createRoleUsers(suite, 'seo')
  const journal = new SeededJournal(suite.payload)
  siteImage = await image('The institute', '研究所', { height: 900, width: 1600 })
  featured = await image('Tokyo harbour', '东京港', { height: 1200, width: 1800 })
  small = await image('A small map', '小地图', { height: 300, width: 400 })
  await journal.site(
    { description: 'The journal of the association.', meta: { image: siteImage.id }, siteName: 'Peace and Development' },
    { description: '协会的期刊。', siteName: '和平与发展' },
  )
  sections = await journal.sections({ journals: { description: 'Everything the journal published.' }, journalsInChinese: { description: '期刊发表的全部文章。' } })
  authors = await journal.authors({ li: { en: { affiliation: 'Institute of World Affairs', position: 'Research Fellow' } } })
  await suite.payload.update({
    collection: 'authors',
    data: { bio: lexicalDocument(['Yuan Zheng studies the foreign policy of the United States.']) as Author['bio'] },
    id: authors.yuan.id,
    overrideAccess: true,
  })
  bilingual = await journal.bilingualArticle({ en: { featuredImage: featured.id } })
  await journal.englishOnlyArticle()
  // No lead: complete in no language, shown as written.
  withoutLead = await journal.content.article({ authors: [authors.li.id], body: lexicalDocument(['A first paragraph.']) as Article['body'], lead: '', section: sections.worldAffairs.id, slug: 'without-lead', title: 'Without a lead' })
}, 180_000)

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

describe('defaults, when editors fill in nothing', () => {
  it('an article: its title and lead, the featured image in the og size, its address in the language asked for, its languages', async () => {
    const en = await seoOf('/api/website/articles/us-japan-alliance?locale=en')
    expect(en).toEqual({
      alternates: [
        { href: `${WEBSITE}/en/articles/us-japan-alliance`, hreflang: 'en' },
        { href: `${WEBSITE}/zh/articles/us-japan-alliance`, hreflang: 'zh-Hans' },
        { href: `${WEBSITE}/en/articles/us-japan-alliance`, hreflang: 'x-default' },
      ],
      canonical: `${WEBSITE}/en/articles/us-japan-alliance`,
      description: 'How the alliance shapes relations between China and Japan.',
      image: { alt: 'Tokyo harbour', height: OG.height, url: expect.stringMatching(new RegExp(`^${CMS}/api/media/file/tokyo-harbour-1200x630\\.webp$`)), width: OG.width },
      robots: 'index,follow',
      siteName: 'Peace and Development',
      title: 'The US-Japan Alliance and the Sino-Japanese Relations',
      type: 'article',
    })

    const zh = await seoOf('/api/website/articles/us-japan-alliance?locale=zh')
    expect(zh).toMatchObject({
      canonical: `${WEBSITE}/zh/articles/us-japan-alliance`,
      description: '美日同盟如何影响中日关系。',
      image: { alt: '东京港', height: OG.height, width: OG.width },
      siteName: '和平与发展',
      title: '美日同盟与中日关系',
    })
    expect(zh.alternates).toEqual(en.alternates)
  })

  it('an article without an image: the site’s; asked for in Chinese before it is translated, the English page is canonical', async () => {
    const zh = await seoOf('/api/website/articles/english-only?locale=zh')
    expect(zh).toMatchObject({
      alternates: [
        { href: `${WEBSITE}/en/articles/english-only`, hreflang: 'en' },
        { href: `${WEBSITE}/en/articles/english-only`, hreflang: 'x-default' },
      ],
      canonical: `${WEBSITE}/en/articles/english-only`,
      description: 'An English-only article.',
      image: { alt: '研究所', height: OG.height, url: expect.stringContaining('/api/media/file/the-institute-1200x630.webp'), width: OG.width },
      title: 'English only',
    })
  })

  it('an article without a lead: the beginning of its body, cut at a word within the width a result shows', async () => {
    expect((await seoOf('/api/website/articles/without-lead')).description).toBe('A first paragraph.')
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ')
    await suite.payload.update({ collection: 'articles', data: { body: lexicalDocument([words]) as Article['body'] }, id: withoutLead.id, overrideAccess: true })
    const { description } = await seoOf('/api/website/articles/without-lead')
    expect(description).toMatch(/^word0 word1 .* word\d+…$/)
    expect(description!.length).toBeLessThanOrEqual(160)
    expect(words.startsWith(description!.slice(0, -1))).toBe(true)
  })

  it('a section: its title and description, the site’s image, its address from the section path template', async () => {
    const en = await seoOf('/api/website/sections/journals')
    expect(en).toMatchObject({
      canonical: `${WEBSITE}/en/sections/journals`,
      description: 'Everything the journal published.',
      image: { alt: 'The institute', height: OG.height, width: OG.width },
      robots: 'index,follow',
      title: 'Journals',
      type: 'website',
    })
    const zh = await seoOf('/api/website/sections/master-forum?locale=zh')
    expect(zh).toMatchObject({ canonical: `${WEBSITE}/zh/sections/journals/master-forum`, title: '大家论坛' })
    expect(zh.alternates.map((alternate) => alternate.hreflang)).toEqual(['en', 'zh-Hans', 'x-default'])
  })

  it('an author: the name and bio, or position and affiliation; the photo, else the site’s image', async () => {
    const yuan = await seoOf('/api/website/authors/yuan-zheng?locale=zh')
    expect(yuan).toMatchObject({
      canonical: `${WEBSITE}/zh/authors/yuan-zheng`,
      description: 'Yuan Zheng studies the foreign policy of the United States.',
      title: '袁征',
      type: 'profile',
    })
    const li = await seoOf('/api/website/authors/li-wei')
    expect(li).toMatchObject({ description: 'Research Fellow, Institute of World Affairs', title: 'Li Wei' })
    expect(li.image?.url).toContain('the-institute-1200x630.webp')
  })

  it('the home page: the site’s name, description and image', async () => {
    expect(await seoOf('/api/website/home?locale=zh')).toMatchObject({
      canonical: `${WEBSITE}/zh`,
      description: '协会的期刊。',
      image: { alt: '研究所', height: OG.height, width: OG.width },
      title: '和平与发展',
      type: 'website',
    })
  })

  it('with locale=all there is no one page, and seo is null', async () => {
    expect((await get<WithSeo>('/api/website/articles/us-japan-alliance?locale=all')).seo).toBeNull()
    expect((await get<WithSeo>('/api/website/home?locale=all')).seo).toBeNull()
  })
})

describe('what editors fill in, per language', () => {
  it('an English meta title and description change the English page only: the Chinese one keeps its own title', async () => {
    await updateMeta('articles', bilingual.id, 'en', { description: 'Why the alliance matters to Beijing and Tokyo.', title: 'US-Japan alliance and China' })
    expect(await seoOf('/api/website/articles/us-japan-alliance?locale=en')).toMatchObject({
      description: 'Why the alliance matters to Beijing and Tokyo.',
      title: 'US-Japan alliance and China',
    })
    expect(await seoOf('/api/website/articles/us-japan-alliance?locale=zh')).toMatchObject({ description: '美日同盟如何影响中日关系。', title: '美日同盟与中日关系' })

    await updateMeta('articles', bilingual.id, 'zh', { title: '美日同盟与中国' })
    expect((await seoOf('/api/website/articles/us-japan-alliance?locale=zh')).title).toBe('美日同盟与中国')
    expect((await seoOf('/api/website/articles/us-japan-alliance?locale=en')).title).toBe('US-Japan alliance and China')
  })

  it('a page saved before these fields existed, given an English meta title: the Chinese page keeps its own name', async () => {
    // As stored by earlier versions of the CMS: no group in any language, then an English one only.
    const authorsModel = (suite.payload.db as unknown as MongooseAdapter).collections.authors
    await authorsModel.updateOne({ _id: authors.yuan.id }, { $unset: { meta: '' } })
    await authorsModel.updateOne({ _id: authors.yuan.id }, { $set: { 'meta.en': { title: 'Yuan Zheng, historian of American diplomacy' } } })
    const stored = (await get<Author>(`/api/authors/${authors.yuan.id}?locale=all&depth=0`)).meta as unknown as Record<string, { title?: string }>
    expect([stored.en?.title, stored.zh?.title ?? null]).toEqual(['Yuan Zheng, historian of American diplomacy', null])
    expect((await seoOf('/api/website/authors/yuan-zheng?locale=en')).title).toBe('Yuan Zheng, historian of American diplomacy')
    expect((await seoOf('/api/website/authors/yuan-zheng?locale=zh')).title).toBe('袁征')
  })

  it('a share image of its own replaces the featured image; one smaller than the og size is given as uploaded', async () => {
    await updateMeta('articles', bilingual.id, 'zh', { image: small.id, title: '美日同盟与中国' })
    const zh = await seoOf('/api/website/articles/us-japan-alliance?locale=zh')
    expect(zh.image).toEqual({ alt: '小地图', height: 300, url: expect.stringMatching(/\/api\/media\/file\/a-small-map\.jpg$/), width: 400 })
    expect((await seoOf('/api/website/articles/us-japan-alliance?locale=en')).image?.url).toContain('tokyo-harbour-1200x630')
  })

  it('the share image is the og size the CMS made, and the file served there has those dimensions', async () => {
    const { image } = await seoOf('/api/website/articles/us-japan-alliance?locale=en')
    expect([image?.width, image?.height]).toEqual([OG.width, OG.height])
    const file = await suite.rest.get(new URL(image!.url).pathname as `/api/${string}`)
    expect(file.status).toBe(200)
    const metadata = await sharp(Buffer.from(await file.arrayBuffer())).metadata()
    expect([metadata.width, metadata.height]).toEqual([OG.width, OG.height])
  })

  it('a canonical address replaces the page’s own, in its language only; an untranslated page follows the English one', async () => {
    await updateMeta('sections', sections.journals.id, 'en', { canonical: 'https://archive.example.net/journals' })
    expect((await seoOf('/api/website/sections/journals')).canonical).toBe('https://archive.example.net/journals')
    // Journals has a Chinese title: its Chinese page is its own.
    expect((await seoOf('/api/website/sections/journals?locale=zh')).canonical).toBe(`${WEBSITE}/zh/sections/journals`)
    // World affairs has none: its Chinese page shows the English section, and its search-and-sharing fields.
    await updateMeta('sections', sections.worldAffairs.id, 'en', { canonical: 'https://archive.example.net/world-affairs', title: 'World affairs, 1990–2020' })
    expect(await seoOf('/api/website/sections/world-affairs?locale=zh')).toMatchObject({ canonical: 'https://archive.example.net/world-affairs', title: 'World affairs, 1990–2020' })
  })

  it('a canonical address that is not an absolute http(s) URL is refused with a message, over REST', async () => {
    for (const canonical of ['/en/articles/us-japan-alliance', 'ftp://archive.example.net/a', 'www.example.org/a', 'https://exa mple.org/a']) {
      const { body, status } = await readJson<ApiErrorBody>(
        suite.rest.patch(`/api/articles/${bilingual.id}?locale=en`, { body: { meta: { canonical } }, token: users.editor.token }),
      )
      expect({ canonical, status }).toEqual({ canonical, status: 400 })
      expect(invalidFieldPaths(body)).toEqual(['meta.canonical'])
      expect(JSON.stringify(body)).toMatch(/https:\/\//)
    }
    const { status } = await readJson(suite.rest.patch(`/api/articles/${bilingual.id}?locale=en`, { body: { meta: { canonical: 'https://www.example.org/en/articles/alliance' } }, token: users.editor.token }))
    expect(status).toBe(200)
    expect((await seoOf('/api/website/articles/us-japan-alliance')).canonical).toBe('https://www.example.org/en/articles/alliance')
    await updateMeta('articles', bilingual.id, 'en', { canonical: null, description: 'Why the alliance matters to Beijing and Tokyo.', title: 'US-Japan alliance and China' })
  })

  it('the home page takes the site’s own meta title in each language', async () => {
    await suite.payload.updateGlobal({ data: { meta: { title: 'Peace and Development: the journal' } }, overrideAccess: true, slug: 'site' })
    expect((await seoOf('/api/website/home')).title).toBe('Peace and Development: the journal')
    expect((await seoOf('/api/website/home?locale=zh')).title).toBe('和平与发展')
  })
})

describe('hidden from search engines', () => {
  it('a language hidden on an article says noindex there, and leaves the sitemap; the other language stays', async () => {
    const before = await sitemapUrls('articles-1.xml')
    expect(before).toEqual(expect.arrayContaining([`${WEBSITE}/en/articles/us-japan-alliance`, `${WEBSITE}/zh/articles/us-japan-alliance`]))

    await updateMeta('articles', bilingual.id, 'zh', { noindex: true, title: '美日同盟与中国' })
    expect((await seoOf('/api/website/articles/us-japan-alliance?locale=zh')).robots).toBe('noindex,nofollow')
    expect((await seoOf('/api/website/articles/us-japan-alliance?locale=en')).robots).toBe('index,follow')

    const after = await sitemapUrls('articles-1.xml')
    expect(after).toContain(`${WEBSITE}/en/articles/us-japan-alliance`)
    expect(after).not.toContain(`${WEBSITE}/zh/articles/us-japan-alliance`)
    expect(after).toContain(`${WEBSITE}/en/articles/english-only`)
  })

  it('a hidden section and a hidden author leave their sitemaps in that language; an untranslated Chinese page follows the English one', async () => {
    await updateMeta('sections', sections.masterForum.id, 'en', { noindex: true })
    await updateMeta('authors', authors.li.id, 'en', { noindex: true })
    const sectionUrls = await sitemapUrls('sections.xml')
    expect(sectionUrls).not.toContain(`${WEBSITE}/en/sections/journals/master-forum`)
    // Master forum has a Chinese title, so its Chinese page has a group of its own, not hidden.
    expect(sectionUrls).toContain(`${WEBSITE}/zh/sections/journals/master-forum`)
    expect(sectionUrls).toContain(`${WEBSITE}/en/sections/journals`)
    // Li Wei has no Chinese name: the Chinese page shows the English one, hidden with it.
    const authorUrls = await sitemapUrls('authors.xml')
    expect(authorUrls.filter((url) => url.includes('/li-wei'))).toEqual([])
    expect(authorUrls).toContain(`${WEBSITE}/zh/authors/yuan-zheng`)

    expect((await seoOf('/api/website/sections/master-forum')).robots).toBe('noindex,nofollow')
    expect((await seoOf('/api/website/sections/master-forum?locale=zh')).robots).toBe('index,follow')
    expect((await seoOf('/api/website/authors/li-wei?locale=zh')).robots).toBe('noindex,nofollow')
  })

  it('a preview of drafts is never for search engines', async () => {
    const preview = await seoOf('/api/website/articles/english-only?draft=true', users.editor.token)
    expect(preview.robots).toBe('noindex,nofollow')
    // Asked for drafts without the right to see them, a reader gets the published page as it is.
    expect((await seoOf('/api/website/articles/english-only?draft=true')).robots).toBe('index,follow')
  })
})

describe('GraphQL', () => {
  it('answers the same seo as REST on every page call', async () => {
    const pairs: [`/api/${string}`, string][] = [
      ['/api/website/articles/us-japan-alliance?locale=zh', `{ WebsiteArticle(slug: "us-japan-alliance", locale: zh) { ${SEO_SELECTION} } }`],
      ['/api/website/articles/english-only?locale=en', `{ WebsiteArticle(slug: "english-only", locale: en) { ${SEO_SELECTION} } }`],
      ['/api/website/sections/world-affairs?locale=en', `{ WebsiteSection(slug: "world-affairs", locale: en) { ${SEO_SELECTION} } }`],
      ['/api/website/authors/yuan-zheng?locale=zh', `{ WebsiteAuthor(slug: "yuan-zheng", locale: zh) { ${SEO_SELECTION} } }`],
      ['/api/website/home?locale=en', `{ WebsiteHome(locale: en) { ${SEO_SELECTION} } }`],
    ]
    for (const [path, query] of pairs) {
      const rest = (await get<WithSeo>(path)).seo
      expect({ path, seo: await graphqlSeo(query) }).toEqual({ path, seo: rest })
    }
    // GraphQL's article page is Payload's article with its seo: the article's own fields are all there.
    const response = await suite.rest.graphql('{ WebsiteArticle(slug: "us-japan-alliance", locale: zh) { title meta { title noindex } seo { title } } }')
    expect(await response.json()).toEqual({ data: { WebsiteArticle: { meta: { noindex: true, title: '美日同盟与中国' }, seo: { title: '美日同盟与中国' }, title: '美日同盟与中日关系' } } })
  })
})

describe('readers', () => {
  it('see the search-and-sharing fields as editors filled them in, in each language', async () => {
    const article = await get<Article>(`/api/articles/${bilingual.id}?locale=all&depth=0`)
    expect(article.meta).toMatchObject({ en: { title: 'US-Japan alliance and China' }, zh: { image: small.id, noindex: true, title: '美日同盟与中国' } })
    const section = await get<Section>(`/api/sections/${sections.journals.id}?locale=all`)
    expect(section.meta).toMatchObject({ en: { canonical: 'https://archive.example.net/journals' } })
    expect((section.meta as unknown as Record<string, { canonical?: string }>).zh?.canonical ?? null).toBeNull()
  })
})

import type { DatasetSummary } from './dataset'
import type { LoadRequest } from './load'

/**
 * The website's hot paths, each as the CMS answers it and as the reference
 * server (bench/referenceServer.ts) answers the same queries.
 */
export type Scenario = {
  name: string
  description: string
  cms: LoadRequest[]
  reference: LoadRequest[]
  /** 304 for the conditional-request scenario, 200 otherwise. */
  expectedStatus?: number
  /** The stored query whose plan the report shows (see bench/explain.ts). */
  plan: string
}

const PAGE_SIZE = 10
const ARTICLE_FIELDS = 'title subtitle lead body slug publishedAt contentLocale authors { name slug position affiliation } section { title slug }'

const graphqlArticle = (slug: string): LoadRequest => ({
  body: JSON.stringify({ query: `query Article($slug: String!) { WebsiteArticle(slug: $slug, locale: en) { ${ARTICLE_FIELDS} } }`, variables: { slug } }),
  headers: { 'content-type': 'application/json' },
  method: 'POST',
  path: '/api/graphql',
})

export function scenariosFor(dataset: DatasetSummary): Scenario[] {
  const { articleSlugs, authorSlugs, largestSection, searchTerms } = dataset
  const deepPage = Math.max(1, Math.floor((largestSection.articles / PAGE_SIZE) * 0.8))
  const get = (paths: string[]): LoadRequest[] => paths.map((path) => ({ path }))
  const search = (language: 'en' | 'zh') => searchTerms[language].map((term) => `q=${encodeURIComponent(term)}&locale=${language}`)
  return [
    { cms: get(['/api/website/home?locale=en']), description: 'Home page: newest articles and each section\'s newest', name: 'home', plan: 'homeLatest', reference: get(['/home?locale=en']) },
    {
      cms: get([`/api/website/sections/${largestSection.slug}?locale=en&limit=${PAGE_SIZE}`]),
      description: `Section page 1 (${largestSection.articles} articles in the section)`,
      name: 'section page 1',
      plan: 'sectionArticles',
      reference: get([`/section/${largestSection.slug}?locale=en`]),
    },
    {
      cms: get([`/api/website/sections/${largestSection.slug}?locale=en&limit=${PAGE_SIZE}&page=${deepPage}`]),
      description: `Section page ${deepPage}`,
      name: 'section deep page',
      plan: 'sectionArticles',
      reference: get([`/section/${largestSection.slug}?locale=en&page=${deepPage}`]),
    },
    {
      cms: get(articleSlugs.map((slug) => `/api/website/articles/${slug}?locale=en`)),
      description: `Article by slug over REST (${articleSlugs.length} articles in turn)`,
      name: 'article (REST)',
      plan: 'articleBySlug',
      reference: get(articleSlugs.map((slug) => `/article/${slug}?locale=en`)),
    },
    {
      cms: articleSlugs.map(graphqlArticle),
      description: 'Article by slug over GraphQL',
      name: 'article (GraphQL)',
      plan: 'articleBySlug',
      reference: get(articleSlugs.map((slug) => `/article/${slug}?locale=en`)),
    },
    {
      cms: get(authorSlugs.map((slug) => `/api/website/authors/${slug}?locale=en&limit=${PAGE_SIZE}`)),
      description: 'Author page with the newest articles',
      name: 'author page',
      plan: 'authorArticles',
      reference: get(authorSlugs.map((slug) => `/author/${slug}?locale=en`)),
    },
    { cms: get(['/api/contacts/directory?locale=en']), description: 'Contact directory', name: 'contact directory', plan: 'directory', reference: get(['/directory?locale=en']) },
    {
      cms: get(search('en').map((query) => `/api/search?${query}`)),
      description: `Search in English (${searchTerms.en.join(', ')})`,
      name: 'search (en)',
      plan: 'searchEntries',
      reference: get(search('en').map((query) => `/search?${query}`)),
    },
    {
      cms: get(search('zh').map((query) => `/api/search?${query}`)),
      description: `Search in Chinese (${searchTerms.zh.join('、')})`,
      name: 'search (zh)',
      plan: 'searchEntries',
      reference: get(search('zh').map((query) => `/search?${query}`)),
    },
    { cms: get(['/feeds/en/rss.xml']), description: 'RSS feed of the whole journal', name: 'feed (RSS)', plan: 'feed', reference: get(['/feed/en']) },
  ]
}

/** The conditional request: the same article asked again with the validator of the answer already held. */
export function conditionalScenario(slug: string, cmsEtag: string, referenceEtag: string): Scenario {
  return {
    cms: [{ headers: { 'if-none-match': cmsEtag }, path: `/api/website/articles/${slug}?locale=en` }],
    description: 'Article asked again with If-None-Match: answered 304',
    expectedStatus: 304,
    name: 'article 304',
    plan: 'articleBySlug',
    reference: [{ headers: { 'if-none-match': referenceEtag }, path: `/article/${slug}?locale=en` }],
  }
}

import type { Config, GlobalConfig, Plugin } from 'payload'

import { appendCollectionHooks, changeCollections, changeGlobals } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { searchAndSharingField, type SeoDefaults } from './fields'
import { ownLanguageMetaOnCollection, ownLanguageMetaOnGlobal } from './hooks'
import { seoOpenApi } from './openapi'

type Page = {
  defaults: SeoDefaults
  /** The field whose text in a language says the page exists in it (src/seo/hooks.ts). */
  textField: string
}

const HIDE_PAGE = 'Asks search engines not to list this page in this language (robots "noindex,nofollow"), and leaves it out of the sitemap. Readers still see it.'

/** The pages with a search-and-sharing group, by collection, and what their empty fields fall back to. */
const PAGES: Partial<Record<string, Page>> = {
  articles: {
    defaults: {
      description: 'the lead, or else the beginning of the body',
      image: 'the featured image, or else the site’s share image',
      noindex: HIDE_PAGE,
      title: 'the article’s title',
    },
    textField: 'title',
  },
  authors: {
    defaults: {
      description: 'the beginning of the bio, or else position and affiliation',
      image: 'the photo, or else the site’s share image',
      noindex: HIDE_PAGE,
      title: 'the author’s name',
    },
    textField: 'name',
  },
  sections: {
    defaults: {
      description: 'the section’s description',
      image: 'the site’s share image',
      noindex: HIDE_PAGE,
      title: 'the section’s title',
    },
    textField: 'title',
  },
}

const SITE: Page = {
  defaults: {
    description: 'the site’s description',
    image: 'none. This image is also shared for every article, section and author page without one of its own',
    noindex: 'Asks search engines not to list the home page in this language, and leaves it out of the sitemap. Other pages have their own setting.',
    title: 'the site name',
  },
  textField: 'siteName',
}

function withSearchAndSharing(global: GlobalConfig): GlobalConfig {
  if (global.slug !== 'site') return global
  return {
    ...global,
    fields: [...global.fields, searchAndSharingField(SITE.defaults)],
    hooks: { ...global.hooks, beforeRead: [...(global.hooks?.beforeRead ?? []), ownLanguageMetaOnGlobal(SITE.textField)] },
  }
}

/**
 * Search and sharing (docs/api.md, "Search and sharing"): a search-and-sharing
 * group per language (`meta`: meta title and description with length
 * guidance, share image, canonical address, hide from search engines) on
 * articles, sections, authors and the site, and the schemas of the `seo`
 * object the website's page calls answer with (src/seo/pageSeo.ts).
 */
export function seoPlugin(): Plugin {
  return (incoming: Config): Config => {
    let config = changeCollections(incoming, (collection) => {
      const page = PAGES[collection.slug]
      if (!page) return collection
      const withField = { ...collection, fields: [...collection.fields, searchAndSharingField(page.defaults)] }
      // After the collection's own: a language withheld from readers is gone by then, and keeps the fallback's group.
      return appendCollectionHooks(withField, { beforeRead: [ownLanguageMetaOnCollection(page.textField)] })
    })
    config = changeGlobals(config, withSearchAndSharing)
    return addOpenApiPart(config, seoOpenApi)
  }
}

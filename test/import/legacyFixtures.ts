import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import type { ImportSource } from '../../src/import/importLegacyPages'
import { projectRoot } from '../../src/lib/projectPaths'
import type { Article, Author, Contact, Section } from '../../src/payload-types'

export const LEGACY_DIR = path.join(projectRoot, 'test', 'fixtures', 'legacy')
export const SAMPLE_TEXT = path.join(LEGACY_DIR, 'master-forum-us-japan-alliance.txt')
export const SAMPLE_HTML = path.join(LEGACY_DIR, 'master-forum-us-japan-alliance.html')
export const SAMPLE_CHINESE = path.join(LEGACY_DIR, 'zh', 'master-forum-us-japan-alliance.zh.txt')
export const BATCH_DIR = path.join(LEGACY_DIR, 'batch')

/** A fixture as the importer takes it: named by its path inside the repository. */
export function source(file: string, transform?: (text: string) => string): ImportSource {
  const bytes = fs.readFileSync(file)
  const name = path.relative(projectRoot, file)
  return { bytes: transform ? Buffer.from(transform(bytes.toString('utf8'))) : bytes, name }
}

/**
 * The sample page read the simple way, written down by hand where it says
 * what a part is: blocks of text between blank lines, the article from the
 * title line to the bracketed author note. Independent of the importer.
 */
export function samplePage() {
  const blocks = fs
    .readFileSync(SAMPLE_TEXT, 'utf8')
    .split(/\n(?:[ \t]*\n)+/)
    .map((block) => block.trim())
  const titleLine = 'The US-Japan Alliance and the Sino-Japanese Relations By Yuan Zheng'
  const titleIndex = blocks.indexOf(titleLine)
  const noteIndex = blocks.findIndex((block) => block.startsWith('(The author is '))
  if (titleIndex < 0 || noteIndex < 0) throw new Error('the sample page is not the one these tests describe')
  const headings = [
    'I. The Strengthening of the US-Japan Alliance',
    'II.The US-Japan Coordination and Cooperation on Indo-Pacific Strategy',
    'III.The Attitude of Trump Administration on the US-Japan Alliance',
    'IV.The US Factor in the Sino-Japanese Relations',
  ]
  const body = blocks.slice(titleIndex + 2, noteIndex)
  return {
    affiliation: 'Institute of American Studies, CASS',
    author: 'Yuan Zheng',
    authorNote: blocks[noteIndex],
    body,
    headings,
    lead: blocks[titleIndex + 1],
    paragraphs: body.filter((block) => !headings.includes(block)),
    position: 'Director of Department of American Diplomacy',
    receivedAt: '2018-05-15',
    sectionPath: ['Journals', 'Master forum'],
    title: 'The US-Japan Alliance and the Sino-Japanese Relations',
  }
}

type StoredNode = { children?: StoredNode[]; tag?: string; text?: string; type?: string }

/** The top-level blocks of a stored Lexical body: type (heading tag) and text. */
export function storedBlocks(value: unknown): { tag?: string; text: string; type: string }[] {
  const root = (value as { root?: StoredNode } | null | undefined)?.root
  const textOf = (node: StoredNode): string => (typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join(''))
  return (root?.children ?? []).map((node) => ({ ...(node.tag ? { tag: node.tag } : {}), text: textOf(node), type: node.type ?? '' }))
}

/** The first and last sentence of a paragraph. */
export function sentences(paragraph: string): { first: string; last: string } {
  const all = paragraph.match(/[^.!?]+[.!?]+(?:[”"’)]+)?/g)?.map((sentence) => sentence.trim()) ?? [paragraph]
  return { first: all[0], last: all[all.length - 1] }
}

/** Everything the importer may write, as stored (drafts included), to compare before and after a run. */
export async function databaseSnapshot(payload: Payload) {
  const all = async <T>(collection: 'articles' | 'authors' | 'contacts' | 'sections', draft = false) =>
    (await payload.find({ collection, depth: 0, draft, locale: 'all', pagination: false, sort: 'createdAt' })).docs as unknown as T[]
  const versions = await payload.findVersions({ collection: 'articles', depth: 0, limit: 0, pagination: false })
  return {
    articleVersions: versions.docs.map((version) => String(version.id)).sort(),
    articles: await all<Article>('articles', true),
    authors: await all<Author>('authors'),
    contacts: await all<Contact>('contacts'),
    sections: await all<Section>('sections'),
  }
}

/** The articles, drafts included, in every language. */
export async function allArticles(payload: Payload): Promise<Record<string, unknown>[]> {
  const { docs } = await payload.find({ collection: 'articles', depth: 0, draft: true, locale: 'all', pagination: false, sort: 'createdAt' })
  return docs as unknown as Record<string, unknown>[]
}

/** A localized value as stored with locale "all". */
export const inLocale = (value: unknown, locale: 'en' | 'zh') => (value as Record<string, unknown> | undefined)?.[locale]

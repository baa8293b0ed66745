import { describe, expect, it } from '@jest/globals'

import { articleEntries, authorEntries } from '../../src/search/buildEntries'
import { highlight, snippet } from '../../src/search/snippet'
import { indexTerms, MAX_QUERY_TERMS, parseQuery } from '../../src/search/tokenize'
import { lexicalDocument } from '../helpers/lexical'

/**
 * How text becomes search terms and how hits are highlighted: the pieces
 * the search endpoint is built from, checked on their own.
 */

const terms = (text: string, options?: { cjkCharacters?: boolean }) => [...indexTerms(text, options)]

describe('terms', () => {
  it('stems English words and leaves out the most common ones', () => {
    expect(terms('The Alliances of the Pacific')).toEqual(['allianc', 'pacif'])
    expect(parseQuery('alliance').terms).toEqual(parseQuery('alliances').terms)
    expect(parseQuery('the of and').terms).toEqual([])
  })

  it('normalises width, case and accents, and joins words across apostrophes', () => {
    expect(terms('ＮＡＴＯ Café NAÏVE')).toEqual(['nato', 'cafe', 'naiv'])
    expect(terms('Japan’s don\'t')).toEqual(['japan', 'dont'])
    expect(terms('U.S.-Japan 2018')).toEqual(['u', 's', 'japan', '2018'])
  })

  it('cuts Chinese into overlapping character pairs, single characters only where asked', () => {
    expect(terms('冷战后的美日同盟')).toEqual(['冷战', '战后', '后的', '的美', '美日', '日同', '同盟'])
    expect(terms('美日', { cjkCharacters: true })).toEqual(['美日', '美', '日'])
    expect(terms('中 美')).toEqual(['中', '美'])
    expect(terms('美日同盟与NATO')).toEqual(['美日', '日同', '同盟', '盟与', 'nato'])
  })

  it('matches a long Chinese phrase by a chain of pairs that covers it', () => {
    expect(parseQuery('美日同盟').terms).toEqual(['美日', '日同', '同盟'])
    // 9 characters, 8 pairs: every other pair and the last one.
    expect(parseQuery('中美关系的未来发展').terms).toEqual(['中美', '关系', '的未', '来发', '发展'])
    const words = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ')
    expect(parseQuery(words).terms).toHaveLength(MAX_QUERY_TERMS)
  })
})

describe('highlighting', () => {
  const query = (text: string) => parseQuery(text)

  it('marks matching words by their stem and escapes everything else', () => {
    expect(highlight('Alliances & <Allies>', query('alliance'))).toBe('<mark>Alliances</mark> &amp; &lt;Allies&gt;')
    expect(highlight('"Quoted" O\'Brien', query('quoted'))).toBe('&quot;<mark>Quoted</mark>&quot; O&#39;Brien')
  })

  it('marks a Chinese phrase whole, or its pairs where the whole phrase does not occur', () => {
    expect(highlight('冷战后的美日同盟', query('美日同盟'))).toBe('冷战后的<mark>美日同盟</mark>')
    expect(highlight('同盟与美日关系', query('美日同盟'))).toBe('<mark>同盟</mark>与<mark>美日</mark>关系')
  })

  it('cuts a snippet around the best matches, at word boundaries, with … where text was left out', () => {
    const text = `${'Opening words fill this paragraph. '.repeat(12)}The alliance endured. ${'Closing words follow here. '.repeat(12)}`
    const cut = snippet(text, query('alliance'))
    expect(cut).toMatch(/^…[A-Z]?[a-z]/)
    expect(cut).toMatch(/…$/)
    expect(cut).toContain('The <mark>alliance</mark> endured.')
    const plain = cut.replace(/<\/?mark>/g, '')
    expect(plain.length).toBeLessThanOrEqual(202)
    // Whole words only at both ends.
    expect(text).toContain(plain.slice(1, -1))
    expect(text).toMatch(new RegExp(`(^|\\s)${plain.slice(1, 12)}`))
  })

  it('counts Chinese characters double, so a Chinese snippet holds about half as many characters', () => {
    const text = `${'冷战结束以后，'.repeat(20)}美日同盟经历了漂流、再定义和强化的过程。${'这是后面的文字。'.repeat(20)}`
    const cut = snippet(text, query('美日同盟'))
    expect(cut).toContain('<mark>美日同盟</mark>')
    expect([...cut.replace(/<\/?mark>|…/g, '')].length).toBe(100)
  })

  it('finds the passage deep in a long text, past words that only look like a match', () => {
    const filler = 'Contradictions and contradictory statements fill this long paragraph. '.repeat(60)
    const text = `${filler}Here the trade talks resumed. ${filler}`
    const cut = snippet(text, query('trade'))
    expect(cut).toContain('Here the <mark>trade</mark> talks resumed.')
    expect(cut.match(/<mark>/g)).toHaveLength(1)
    expect(cut).toMatch(/^…/)
  })

  it('starts at the beginning when nothing in the text matches, and collapses line breaks', () => {
    expect(snippet('First line\nsecond   line', query('elsewhere'))).toBe('First line second line')
  })
})

describe('entries', () => {
  const languages = { defaultLanguage: 'en', languages: ['en', 'zh'] }

  it('weighs a term by the heaviest field it appears in, and indexes only the languages the article is written in', () => {
    const authors = new Map([['a1', { id: 'a1', name: { en: 'Yuan Zheng', zh: '袁征' }, slug: 'yuan-zheng' }]])
    const entries = articleEntries(
      {
        _status: 'published',
        authors: ['a1'],
        availableLocales: ['en'],
        body: { en: lexicalDocument(['Security alliances in Asia.']) },
        id: 'x1',
        keywords: { en: ['security'] },
        lead: { en: 'Asia and the alliance.' },
        publishedAt: '2024-01-01T00:00:00.000Z',
        section: 's1',
        slug: 'alliance',
        title: { en: 'The Alliance', zh: '同盟' },
      },
      authors,
      languages,
    )
    expect(entries.map((entry) => entry.key)).toEqual(['article:x1:en'])
    const [entry] = entries
    expect(entry.weights).toEqual({ allianc: 10, asia: 3, secur: 6, yuan: 6, zheng: 6 })
    expect(entry.terms.sort()).toEqual(['allianc', 'asia', 'secur', 'yuan', 'zheng'])
    expect(entry.keyTerms.sort()).toEqual(['allianc', 'secur', 'yuan', 'zheng'])
    expect(entry).toMatchObject({ authors: [{ name: 'Yuan Zheng', slug: 'yuan-zheng' }], sectionId: 's1', text: 'Asia and the alliance.\nSecurity alliances in Asia.' })
  })

  it('gives an author an entry per language their name is written in', () => {
    const entries = authorEntries({ affiliation: { en: 'CASS' }, id: 'a1', name: { en: 'Yuan Zheng', zh: '袁征' }, slug: 'yuan-zheng' }, languages)
    expect(entries.map((entry) => [entry.key, entry.title, entry.text])).toEqual([
      ['author:a1:en', 'Yuan Zheng', 'CASS'],
      ['author:a1:zh', '袁征', ''],
    ])
    expect(entries[1].weights).toEqual({ 征: 10, 袁: 10, 袁征: 10 })
  })
})

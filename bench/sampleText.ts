import fs from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../src/lib/projectPaths'

/**
 * Sentences for generated articles, taken from the legacy pages kept with
 * the tests (test/fixtures/legacy), so that generated bodies have the
 * vocabulary, sentence length and character mix of the real journal.
 */
export type SampleText = { en: string[]; zh: string[] }

const ENGLISH_PAGES = ['master-forum-us-japan-alliance.txt', 'batch/connectivity-central-asia.txt', 'batch/rules-and-order.en.txt']
const CHINESE_PAGES = ['zh/master-forum-us-japan-alliance.zh.txt', 'batch/rules-and-order.zh.txt']

/** Lines of running text: long enough to be prose, not page chrome, contact lines or headings. */
function proseLines(text: string, minimumLength: number): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= minimumLength && !/[:：]\s*\d|@|http/.test(line))
}

function englishSentences(lines: string[]): string[] {
  return lines.flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z“"])/)).filter((sentence) => sentence.split(/\s+/).length >= 6)
}

function chineseSentences(lines: string[]): string[] {
  return lines.flatMap((line) => line.split(/(?<=[。！？])/)).filter((sentence) => sentence.length >= 12)
}

export function loadSampleText(): SampleText {
  const read = (page: string) => fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'legacy', page), 'utf8')
  const en = englishSentences(ENGLISH_PAGES.flatMap((page) => proseLines(read(page), 80)))
  const zh = chineseSentences(CHINESE_PAGES.flatMap((page) => proseLines(read(page), 20)))
  if (en.length < 20 || zh.length < 5) throw new Error('the legacy sample pages gave too few sentences to generate text from')
  return { en, zh }
}

/** A small deterministic random source (mulberry32): the same seed gives the same data set. */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** `count` distinct items (fewer when there are not that many). */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>()
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.pick(items))
    return [...chosen]
  }
}

/** Paragraphs of about `words` English words (or `characters` Chinese characters), made of sample sentences. */
export function paragraphs(random: Random, language: 'en' | 'zh', sentences: string[], size: number): string[] {
  const measure = language === 'en' ? englishWords : chineseCharacters
  const result: string[] = []
  let total = 0
  while (total < size) {
    const paragraph = Array.from({ length: random.integer(3, 6) }, () => random.pick(sentences)).join(language === 'en' ? ' ' : '')
    result.push(paragraph)
    total += measure(paragraph)
  }
  return result
}

export const englishWords = (text: string): number => text.split(/\s+/).length
export const chineseCharacters = (text: string): number => text.replace(/[^\u3400-\u9fff]/g, '').length

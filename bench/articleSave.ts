import type { DatabaseProxy } from './databaseProxy'
import { articleText, type DatasetSummary } from './dataset'
import { loadSampleText, Random } from './sampleText'

export type SaveResult = {
  saves: number
  /** Size of the JSON bodies sent, in KB: the English create and the Chinese update. */
  bodyKb: { create: number; translate: number }
  /** Milliseconds per request through the CMS (REST, an editor's session), median and slowest. */
  createMs: { median: number; max: number }
  translateMs: { median: number; max: number }
  /** Database commands per request, as the counting proxy saw them. */
  commands: { create: number; translate: number }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

type Json = Record<string, unknown>

/**
 * An editor's bilingual article over REST, `count` times one after another:
 * the English text created and published (`POST /api/articles`), then its
 * Chinese text added (`PATCH /api/articles/{id}?locale=zh`). Realistic
 * length (2,000–4,000 words, 3,000–6,000 characters). The articles are
 * deleted afterwards: later runs find the same data set.
 */
export async function benchmarkArticleSaves(url: string, dataset: DatasetSummary, proxy: DatabaseProxy, count: number): Promise<SaveResult> {
  const call = async (method: string, path: string, token?: string, body?: Json): Promise<Json> => {
    const response = await fetch(`${url}${path}`, {
      body: body ? JSON.stringify(body) : undefined,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
      method,
    })
    const answer = (await response.json()) as Json
    if (!response.ok) throw new Error(`${method} ${path} was refused: ${response.status} ${JSON.stringify(answer)}`)
    return answer
  }
  const { token } = (await call('POST', '/api/users/login', undefined, dataset.editor)) as { token: string }
  const authors = ((await call('GET', '/api/authors?limit=2&depth=0&select[name]=true', token)).docs as { id: string }[]).map((author) => author.id)
  const [section] = (await call('GET', `/api/sections?limit=1&depth=0&where[slug][equals]=${dataset.largestSection.slug}`, token)).docs as { id: string }[]

  const text = loadSampleText()
  const create: number[] = []
  const translate: number[] = []
  const commands = { create: 0, translate: 0 }
  const bodyBytes = { create: 0, translate: 0 }
  const created: string[] = []
  const timed = async (kind: 'create' | 'translate', times: number[], work: () => Promise<Json>) => {
    const before = proxy.counts().commands
    const started = performance.now()
    const answer = await work()
    times.push(performance.now() - started)
    commands[kind] += proxy.counts().commands - before
    return answer
  }
  try {
    for (let index = 0; index < count; index++) {
      const random = new Random(7_000 + index)
      const english = articleText(random, text, 'en')
      const chinese = articleText(random, text, 'zh')
      const data = { _status: 'published', authors, publishedAt: new Date().toISOString(), section: section.id, slug: `bench-save-${Date.now()}-${index}`, ...english }
      const translation = { _status: 'published', ...chinese }
      bodyBytes.create += Buffer.byteLength(JSON.stringify(data))
      bodyBytes.translate += Buffer.byteLength(JSON.stringify(translation))
      const answer = await timed('create', create, () => call('POST', '/api/articles?locale=en&depth=0', token, data))
      const id = (answer.doc as { id: string }).id
      created.push(id)
      await timed('translate', translate, () => call('PATCH', `/api/articles/${id}?locale=zh&depth=0`, token, translation))
    }
  } finally {
    for (const id of created) await call('DELETE', `/api/articles/${id}`, token).catch(() => undefined)
  }
  const round = (value: number) => Math.round(value)
  const kb = (bytes: number) => Math.round(bytes / count / 1024)
  return {
    bodyKb: { create: kb(bodyBytes.create), translate: kb(bodyBytes.translate) },
    commands: { create: Math.round((commands.create / count) * 10) / 10, translate: Math.round((commands.translate / count) * 10) / 10 },
    createMs: { max: round(Math.max(...create)), median: round(median(create)) },
    saves: count,
    translateMs: { max: round(Math.max(...translate)), median: round(median(translate)) },
  }
}

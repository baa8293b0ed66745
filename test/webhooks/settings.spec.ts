import { randomBytes } from 'node:crypto'
import dns from 'node:dns'
import os from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { ConfigurationError } from '../../src/settings/configurationError'
import { readStartupSettings } from '../../src/boot/startupSettings'
import { readJobsEnvironment, readWebsitePathTemplates } from '../../src/settings/environment'
import { readWebhookEnvironment } from '../../src/webhooks/settings'
import { websitePaths } from '../../src/lib/websitePaths'
import { sendWebhook } from '../../src/webhooks/send'
import { signatureHeader } from '../../src/webhooks/signature'
import { classifyAddress, webhookTargetProblem, webhookUrlProblem } from '../../src/webhooks/targets'
import { Receiver, verifySignature } from './receiver'

const secret = randomBytes(24).toString('hex')

function errorOf(read: () => unknown): string {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigurationError')
}

describe('webhook settings from the environment', () => {
  it('needs nothing: no endpoints, public targets only, 8 attempts from 30 s apart, 10 s timeout', () => {
    expect(readStartupSettings({}).webhooks).toEqual({
      allowPrivateTargets: false,
      endpoints: [],
      maxAttempts: 8,
      retryDelayMs: 30_000,
      timeoutMs: 10_000,
    })
  })

  it('reads WEBHOOK_ENDPOINTS as a JSON list of named, signed endpoints', () => {
    const endpoints = JSON.stringify([
      { name: 'website', secret, url: 'https://www.example.org/api/revalidate' },
      { actions: ['published'], collections: ['articles', 'sections'], name: 'search', secret, url: 'http://search.example.org/hook' },
    ])
    expect(readWebhookEnvironment({ WEBHOOK_ENDPOINTS: endpoints }).endpoints).toEqual([
      { actions: [], collections: [], name: 'website', secret, url: 'https://www.example.org/api/revalidate' },
      { actions: ['published'], collections: ['articles', 'sections'], name: 'search', secret, url: 'http://search.example.org/hook' },
    ])
  })

  it('refuses a bad WEBHOOK_ENDPOINTS with one line naming the entry and field, never echoing the secret', () => {
    const endpoint = { name: 'website', secret, url: 'https://www.example.org/hook' }
    const read = (value: unknown, extra: Record<string, string> = {}) =>
      errorOf(() => readWebhookEnvironment({ WEBHOOK_ENDPOINTS: typeof value === 'string' ? value : JSON.stringify(value), ...extra }))

    expect(read('{not json')).toMatch(/^WEBHOOK_ENDPOINTS must be a JSON array .*not valid JSON/)
    expect(read(endpoint)).toMatch(/^WEBHOOK_ENDPOINTS must be a JSON array/)
    expect(read([{ ...endpoint, url: 'ftp://www.example.org/hook' }])).toBe(
      'WEBHOOK_ENDPOINTS[0].url must use http or https (got "ftp:")',
    )
    expect(read([endpoint, { ...endpoint, url: 'http://127.0.0.1:4000/hook' }])).toMatch(
      /^WEBHOOK_ENDPOINTS\[1\]\.url points to a private or loopback address \(127\.0\.0\.1\); set WEBHOOK_ALLOW_PRIVATE_TARGETS=true/,
    )
    expect(read([{ ...endpoint, url: 'http://localhost:4000/hook' }])).toMatch(/^WEBHOOK_ENDPOINTS\[0\]\.url points to a private or loopback/)
    expect(read([{ ...endpoint, url: 'https://user:pass@www.example.org/' }])).toBe(
      'WEBHOOK_ENDPOINTS[0].url must not include a user name or password',
    )
    expect(read([{ ...endpoint, secret: 'short' }])).toMatch(/^WEBHOOK_ENDPOINTS\[0\]\.secret must be at least 32 characters/)
    expect(read([{ ...endpoint, name: '' }])).toMatch(/^WEBHOOK_ENDPOINTS\[0\]\.name is required/)
    expect(read([{ ...endpoint, collections: ['users'] }])).toMatch(
      /^WEBHOOK_ENDPOINTS\[0\]\.collections must be a list of: articles, authors, sections, contacts, media/,
    )
    expect(read([{ ...endpoint, actions: ['created'] }])).toMatch(/^WEBHOOK_ENDPOINTS\[0\]\.actions must be a list of: published, updated/)
    expect(read([{ ...endpoint, header: 'x' }])).toMatch(/^WEBHOOK_ENDPOINTS\[0\] has an unknown key "header"/)
    expect(read([endpoint, endpoint])).toBe('WEBHOOK_ENDPOINTS has two endpoints named "website": names must differ')
    for (const message of [read([{ ...endpoint, url: 'ftp://x' }]), read([{ ...endpoint, name: '' }])]) {
      expect(message).not.toContain(secret)
    }
  })

  it('allows loopback and private targets only with WEBHOOK_ALLOW_PRIVATE_TARGETS=true', () => {
    const endpoints = JSON.stringify([{ name: 'local', secret, url: 'http://127.0.0.1:4000/hook' }])
    expect(readWebhookEnvironment({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_ENDPOINTS: endpoints }).endpoints).toHaveLength(1)
    expect(errorOf(() => readWebhookEnvironment({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'yes' }))).toBe(
      'WEBHOOK_ALLOW_PRIVATE_TARGETS must be true or false (got "yes")',
    )
  })

  it('bounds the retry schedule and the timeout', () => {
    expect(errorOf(() => readWebhookEnvironment({ WEBHOOK_MAX_ATTEMPTS: '0' }))).toMatch(/^WEBHOOK_MAX_ATTEMPTS must be a whole number from 1 to 20/)
    expect(errorOf(() => readWebhookEnvironment({ WEBHOOK_RETRY_DELAY_MS: 'soon' }))).toMatch(/^WEBHOOK_RETRY_DELAY_MS/)
    expect(errorOf(() => readWebhookEnvironment({ WEBHOOK_TIMEOUT_MS: '5' }))).toMatch(/^WEBHOOK_TIMEOUT_MS must be a whole number from 100/)
  })

  it('runs the jobs queue in the server every 5 seconds, except under test or when set to off', () => {
    expect(readJobsEnvironment({}).autoRunCron).toBe('*/5 * * * * *')
    expect(readJobsEnvironment({ NODE_ENV: 'production' }).autoRunCron).toBe('*/5 * * * * *')
    expect(readJobsEnvironment({ NODE_ENV: 'test' }).autoRunCron).toBeNull()
    expect(readJobsEnvironment({ NODE_ENV: 'test', JOBS_AUTORUN_CRON: '* * * * * *' }).autoRunCron).toBe('* * * * * *')
    expect(readJobsEnvironment({ JOBS_AUTORUN_CRON: 'off' }).autoRunCron).toBeNull()
    expect(errorOf(() => readJobsEnvironment({ JOBS_AUTORUN_CRON: 'every minute' }))).toMatch(
      /^JOBS_AUTORUN_CRON must be a cron expression with 5 or 6 fields/,
    )
  })
})

describe('website paths', () => {
  it('default to /{locale}/articles/{slug}, /{locale}/sections/{path}, /{locale}/authors/{slug}, /{locale}', () => {
    const paths = websitePaths(readWebsitePathTemplates({}))
    expect(paths.article('zh', 'mei-ri-tong-meng')).toBe('/zh/articles/mei-ri-tong-meng')
    expect(paths.section('en', '/journals/master-forum')).toBe('/en/sections/journals/master-forum')
    expect(paths.author('en', 'yuan-zheng')).toBe('/en/authors/yuan-zheng')
    expect(paths.contact('en')).toBe('/en/contact')
    expect(paths.home('zh')).toBe('/zh')
  })

  it('follow the templates set in the environment', () => {
    const paths = websitePaths(
      readWebsitePathTemplates({
        WEBSITE_ARTICLE_PATH: '/{locale}/a/{slug}.html',
        WEBSITE_HOME_PATH: '/{locale}/',
        WEBSITE_SECTION_PATH: '/{locale}/{slug}',
      }),
    )
    expect(paths.article('en', 'x')).toBe('/en/a/x.html')
    expect(paths.section('zh', '/journals/master-forum')).toBe('/zh/master-forum')
    expect(paths.home('en')).toBe('/en')
  })

  it('refuse a template that is not a path, lacks its placeholder or has an unknown one', () => {
    expect(errorOf(() => readWebsitePathTemplates({ WEBSITE_ARTICLE_PATH: 'articles/{slug}' }))).toMatch(
      /^WEBSITE_ARTICLE_PATH must be a path starting with "\/"/,
    )
    expect(errorOf(() => readWebsitePathTemplates({ WEBSITE_AUTHOR_PATH: '/{locale}/authors' }))).toBe(
      'WEBSITE_AUTHOR_PATH must contain {slug} (got "/{locale}/authors")',
    )
    expect(errorOf(() => readWebsitePathTemplates({ WEBSITE_HOME_PATH: '/{lang}' }))).toBe(
      'WEBSITE_HOME_PATH has an unknown placeholder {lang} (allowed: {locale})',
    )
    expect(errorOf(() => readWebsitePathTemplates({ WEBSITE_SECTION_PATH: '/{locale}/sections' }))).toMatch(
      /^WEBSITE_SECTION_PATH must contain \{path\} or \{slug\}/,
    )
  })
})

describe('webhook targets', () => {
  it('tells public addresses from private and reserved ones, IPv4 and IPv6', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111']) expect(classifyAddress(address)).toBe('public')
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fd12::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1']) {
      expect([address, classifyAddress(address)]).toEqual([address, 'private'])
    }
    for (const address of ['0.0.0.0', '224.0.0.1', '255.255.255.255', '::', 'ff02::1', '2001:db8::1', 'not-an-address']) {
      expect([address, classifyAddress(address)]).toEqual([address, 'reserved'])
    }
  })

  it('checks the literal host of a URL, and what a host name resolves to', async () => {
    const publicOnly = { allowPrivateTargets: false }
    expect(webhookUrlProblem('https://www.example.org/hook', publicOnly)).toBeUndefined()
    expect(webhookUrlProblem('http://[::1]:8080/hook', publicOnly)).toMatch(/private or loopback address \(::1\)/)
    expect(webhookUrlProblem('http://0x7f.1/hook', publicOnly)).toMatch(/\(127\.0\.0\.1\)/)
    expect(webhookUrlProblem('http://0.0.0.0:8080/hook', { allowPrivateTargets: true })).toMatch(/reserved address/)
    expect(webhookUrlProblem('javascript:alert(1)', publicOnly)).toBe('must use http or https (got "javascript:")')
    expect(webhookUrlProblem('/relative', publicOnly)).toMatch(/must be an absolute URL/)

    // This machine's own name resolves to one of its addresses: refused unless private targets are allowed.
    const host = os.hostname()
    const { address } = await dns.promises.lookup(host)
    const problem = await webhookTargetProblem(`http://${host}:8080/hook`, publicOnly)
    if (classifyAddress(address) === 'public') expect(problem).toBeUndefined()
    else expect(problem).toMatch(/^resolves to a (private or loopback|reserved) address/)
    expect(await webhookTargetProblem(`http://${host}:8080/hook`, { allowPrivateTargets: true })).toBeUndefined()
    expect(await webhookTargetProblem('http://no-such-host.invalid/hook', publicOnly)).toBe(
      'has a host name that cannot be resolved (no-such-host.invalid)',
    )
  })
})

describe('sending one delivery', () => {
  let receiver: Receiver

  beforeAll(async () => {
    receiver = await Receiver.start()
  })

  afterAll(async () => {
    await receiver.stop()
  })

  const request = (url: string, allowPrivateTargets = true) => ({
    allowPrivateTargets,
    body: JSON.stringify({ hello: 'world' }),
    headers: { 'Journal-Signature': signatureHeader(secret, JSON.stringify({ hello: 'world' }), Date.now()) },
    timeoutMs: 1000,
    url,
  })

  it('POSTs the JSON body with a signature the receiver can verify', async () => {
    const result = await sendWebhook(request(receiver.url('/signed')))
    expect(result).toMatchObject({ ok: true, responseStatus: 200 })
    const [received] = receiver.requests.slice(-1)
    expect(received).toMatchObject({ body: '{"hello":"world"}', method: 'POST', path: '/signed' })
    expect(received.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(verifySignature(received, secret)).toBe(true)
    expect(verifySignature(received, `${secret}x`)).toBe(false)
    expect(verifySignature({ ...received, receivedAt: received.receivedAt + 301_000 }, secret)).toBe(false)
  })

  it('reports a non-2xx answer, a redirect and a refused connection as failures', async () => {
    receiver.answerNext(500, 302)
    expect(await sendWebhook(request(receiver.url()))).toMatchObject({
      error: 'The receiver answered 500: failing on purpose with 500',
      ok: false,
      responseStatus: 500,
    })
    expect(await sendWebhook(request(receiver.url()))).toMatchObject({
      error: expect.stringContaining('302 (redirects are not followed)'),
      ok: false,
    })
    const closed = await Receiver.start()
    await closed.stop()
    expect(await sendWebhook(request(closed.url()))).toMatchObject({ error: expect.stringContaining('ECONNREFUSED'), ok: false })
  })

  it('gives up on a receiver that does not answer within the timeout', async () => {
    receiver.hang()
    try {
      const result = await sendWebhook({ ...request(receiver.url()), timeoutMs: 300 })
      expect(result).toMatchObject({ error: 'No answer within 300 ms', ok: false })
      expect(result.durationMs).toBeLessThan(2000)
    } finally {
      receiver.hang(false)
    }
  })

  it('never connects to a private address unless allowed, by literal or by name', async () => {
    const before = receiver.requests.length
    expect(await sendWebhook(request(receiver.url(), false))).toMatchObject({ ok: false, permanent: true })
    const byName = await sendWebhook(request(`http://localhost:${receiver.port}/`, false))
    expect(byName).toMatchObject({ error: expect.stringMatching(/private or loopback/), ok: false, permanent: true })
    const host = os.hostname()
    const { address } = await dns.promises.lookup(host)
    if (classifyAddress(address) !== 'public') {
      // Refused at connection time by the checked DNS lookup, not by the URL check.
      expect(webhookUrlProblem(`http://${host}:${receiver.port}/`, { allowPrivateTargets: false })).toBeUndefined()
      const resolved = await sendWebhook(request(`http://${host}:${receiver.port}/`, false))
      expect(resolved).toMatchObject({ error: expect.stringMatching(/resolves to a private or loopback address/), permanent: true })
    }
    expect(receiver.requests.length).toBe(before)
  })
})

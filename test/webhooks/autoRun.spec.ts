import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { JournalContent } from '../helpers/journalContent'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { Receiver, verifySignature } from './receiver'

const ENVIRONMENT_KEYS = ['JOBS_AUTORUN_CRON', 'WEBHOOK_ALLOW_PRIVATE_TARGETS', 'WEBHOOK_ENDPOINTS', 'WEBHOOK_RETRY_DELAY_MS']
const savedEnvironment = Object.fromEntries(ENVIRONMENT_KEYS.map((key) => [key, process.env[key]]))

let suite: SuiteContext
let users: RoleUsers
let receiver: Receiver

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

beforeAll(async () => {
  receiver = await Receiver.start()
  Object.assign(process.env, {
    // Every second: the schedule the server keeps by itself (every 5 s by default).
    JOBS_AUTORUN_CRON: '* * * * * *',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_RETRY_DELAY_MS: '200',
  })
  delete process.env.WEBHOOK_ENDPOINTS
  suite = await startPayloadForSuite('webhooks-autorun')
  // Signing up and in goes through the REST handlers, which start the server's job schedule.
  users = await createRoleUsers(suite, 'autorun')
})

afterAll(async () => {
  await suite?.close()
  await receiver?.stop()
  for (const [key, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

describe('the jobs queue inside the server', () => {
  it("delivers an editor's change by itself, retrying after a failure, with nobody running the queue", async () => {
    const author = await new JournalContent(suite.payload).author({ name: 'Yuan Zheng', slug: 'yuan-zheng' })
    const created = await suite.rest.post('/api/webhook-endpoints', {
      body: { name: 'Website', url: receiver.url() },
      token: users.admin.token,
    })
    const { doc: endpoint } = (await created.json()) as { doc: { secret: string } }

    receiver.answerNext(500)
    const saved = await suite.rest.patch(`/api/authors/${author.id}`, {
      body: { affiliation: 'Institute of American Studies, CASS' },
      token: users.editor.token,
    })
    expect(saved.status).toBe(200)

    const deliveries = async () =>
      (await suite.payload.find({ collection: 'webhook-deliveries', where: { documentId: { equals: author.id } } })).docs
    const deadline = Date.now() + 15_000
    while ((await deliveries())[0]?.status !== 'delivered' && Date.now() < deadline) await sleep(100)

    const [delivery] = await deliveries()
    expect(delivery).toMatchObject({ attempts: 2, eventType: 'author.updated', lastResponseStatus: 200, status: 'delivered' })
    expect(receiver.requests.map((request) => request.headers['journal-delivery'])).toEqual([delivery.id, delivery.id])
    for (const request of receiver.requests) expect(verifySignature(request, endpoint.secret)).toBe(true)
  })
})

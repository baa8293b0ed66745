import { randomUUID } from 'node:crypto'
import os from 'node:os'

import { ObjectId, type Collection, type Document, type Filter } from 'mongodb'
import type { BaseDatabaseAdapter, DatabaseAdapterObj, Field, Payload, UpdateJobsArgs, Where } from 'payload'

import { collectionModel, nativeDatabase } from './payloadInternals'

/**
 * Every queued job is run by one process, however many servers run the
 * jobs queue on one database.
 *
 * Payload 3.90's runner takes jobs in three steps (its MongoDB adapter's
 * `updateJobs`): it finds up to `limit` jobs that are not `processing`, sets
 * `processing: true` on those ids without asking again whether they are
 * still free, and returns them all. Two servers whose steps interleave both
 * return the same job and both run it. Its `enableConcurrencyControl` keys
 * keep jobs of one key apart, with the same find-then-write, and nothing
 * in it takes over a job whose process died: such a job stays `processing`
 * for ever.
 *
 * So the adapter's `updateJobs` is wrapped here:
 * - the claim (`processing: true`) is a conditional update per job that
 *   only one process can win: `{ _id, processing: false, completedAt: null,
 *   hasError: not true }` → `processing: true` with a fresh `claimId`;
 * - every later write of the run (task log, retry, completion) names that
 *   `claimId`, so a run whose job was taken over writes nothing more: it
 *   cannot complete the job a second time;
 * - while a process holds claims it renews `heartbeatAt` on them every
 *   third of the stale time; a job `processing` whose heartbeat is older
 *   than JOBS_STALE_AFTER_SECONDS (its process died, or hung that long) is
 *   given back to the queue, where the next runner of any server takes it
 *   and goes on from the tasks already completed (Payload skips those). A job
 *   taken over MAX_TAKEOVERS times is failed instead, so a job that kills
 *   its process cannot kill every server in turn.
 *
 * The task itself may have done part of its work before its process died:
 * it runs again from its start (at least once, not exactly once). Webhook
 * deliveries carry their id for receivers to ignore a repeat (docs/webhooks.md).
 */

export const JOBS_COLLECTION = 'payload-jobs'

/** How often a job may be taken over from a stopped process before it is failed instead. */
export const MAX_TAKEOVERS = 3

/** The fields the claims add to Payload's jobs collection (src/jobs/config.ts adds them). */
export const JOB_CLAIM_FIELDS: Field[] = [
  {
    name: 'claimedBy',
    type: 'text',
    admin: { description: 'The server process running the job (host:pid:random).', position: 'sidebar', readOnly: true },
  },
  {
    name: 'claimId',
    type: 'text',
    admin: { description: 'This run of the job: the writes of any other run are ignored.', position: 'sidebar', readOnly: true },
  },
  {
    name: 'heartbeatAt',
    type: 'date',
    admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'Renewed while the process runs the job.', position: 'sidebar', readOnly: true },
  },
  {
    name: 'takeovers',
    type: 'number',
    admin: { description: 'How often the job was taken over from a process that stopped.', position: 'sidebar', readOnly: true },
  },
]

type ClaimOptions = {
  /** How long a job may go without a heartbeat before another process takes it over, in ms. */
  staleAfterMs: number
}

type JobDocument = {
  _id: ObjectId | string
  claimId?: null | string
  claimedBy?: null | string
  takeovers?: null | number
}

/** This process, as named on the jobs it claims. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

function nativeId(id: number | string): ObjectId | string {
  return typeof id === 'string' && ObjectId.isValid(id) && id.length === 24 ? new ObjectId(id) : String(id)
}

/** The claims one adapter (one connection to the database) holds, and its timers. */
class ClaimKeeper {
  /** Job id → the claim this process holds on it. */
  readonly held = new Map<string, string>()
  /**
   * Job id → the claim of a run that has ended here, for Payload's deletion
   * of completed jobs (deleteJobOnComplete) that follows: a job another
   * process has claimed since is not deleted under it.
   */
  readonly ended = new Map<string, string>()
  private heartbeat?: NodeJS.Timeout
  private lastSweep = 0

  constructor(
    private readonly adapter: BaseDatabaseAdapter,
    private readonly options: ClaimOptions,
  ) {}

  private get payload(): Payload {
    return this.adapter.payload
  }

  jobs(): Collection<JobDocument> {
    const model = collectionModel(this.payload, JOBS_COLLECTION)
    return nativeDatabase(this.payload).collection<JobDocument>(model.collection.collectionName)
  }

  hold(id: string, claimId: string): void {
    this.held.set(id, claimId)
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => void this.beat(), Math.max(500, Math.floor(this.options.staleAfterMs / 3)))
    this.heartbeat.unref()
  }

  release(id: string): void {
    const claimId = this.held.get(id)
    if (claimId) {
      this.ended.set(id, claimId)
      // Runs that end without their job being deleted (a retry later, a failure) are forgotten in time.
      if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value as string)
    }
    this.held.delete(id)
    if (this.held.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat)
      this.heartbeat = undefined
    }
  }

  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = undefined
    this.held.clear()
    this.ended.clear()
  }

  /** Tells the other processes that this one still runs its jobs. */
  private async beat(): Promise<void> {
    const claims = [...this.held.values()]
    if (claims.length === 0) return
    try {
      await this.jobs().updateMany({ claimId: { $in: claims }, processing: true }, { $set: { heartbeatAt: new Date() } })
    } catch (error) {
      this.payload.logger.warn({ err: error, msg: `Could not renew the heartbeat of ${claims.length} running job(s); tried again shortly` })
    }
  }

  /**
   * Gives the jobs whose process stopped back to the queue, at most every
   * quarter of the stale time per process: each with a conditional update
   * naming the claim it had, so two processes sweeping at once count one
   * takeover.
   */
  async sweep(now = Date.now()): Promise<void> {
    if (now - this.lastSweep < Math.max(1000, this.options.staleAfterMs / 4)) return
    this.lastSweep = now
    const cutoff = new Date(now - this.options.staleAfterMs)
    const stale = await this.jobs()
      .find(
        {
          completedAt: null,
          processing: true,
          // Claimed by this code: the heartbeat; claimed before it existed: the last write.
          $or: [{ heartbeatAt: { $lt: cutoff } }, { heartbeatAt: null, updatedAt: { $lt: cutoff } }],
        } as Filter<JobDocument>,
        { limit: 100, projection: { _id: 1, claimId: 1, claimedBy: 1, takeovers: 1 } },
      )
      .toArray()
    for (const job of stale) {
      const takeovers = (job.takeovers ?? 0) + 1
      const giveUp = takeovers > MAX_TAKEOVERS
      const stopped = `its process (${job.claimedBy ?? 'unknown'}) stopped answering for more than ${Math.round(this.options.staleAfterMs / 1000)} s`
      const set: Document = { claimId: null, heartbeatAt: null, processing: false, takeovers, updatedAt: new Date() }
      if (giveUp) Object.assign(set, { error: { message: `Given up: ${stopped}, ${MAX_TAKEOVERS + 1} times` }, hasError: true })
      const { modifiedCount } = await this.jobs().updateOne(
        { _id: job._id, claimId: job.claimId ?? null, processing: true } as Filter<JobDocument>,
        { $set: set },
      )
      if (modifiedCount === 0) continue
      if (giveUp) this.payload.logger.error(`Job ${String(job._id)} failed: ${stopped}, ${MAX_TAKEOVERS + 1} times`)
      else this.payload.logger.warn(`Job ${String(job._id)} given back to the queue: ${stopped} (takeover ${takeovers} of ${MAX_TAKEOVERS})`)
    }
  }

  /**
   * Claims each job for this process with one conditional update: whoever
   * changes `processing` from false first has it. Returns the ids won.
   */
  async claim(ids: (number | string)[], { due }: { due: boolean }): Promise<string[]> {
    const won: string[] = []
    for (const id of ids) {
      const now = new Date()
      const claimId = randomUUID()
      const filter: Document = { _id: nativeId(id), completedAt: null, hasError: { $ne: true }, processing: false }
      // A failed job given a later try is not due before it, however it was found.
      if (due) filter.$or = [{ waitUntil: null }, { waitUntil: { $lte: now } }]
      const { modifiedCount } = await this.jobs().updateOne(filter as Filter<JobDocument>, {
        $set: { claimedBy: INSTANCE_ID, claimId, heartbeatAt: now, processing: true, updatedAt: now },
      })
      if (modifiedCount === 1) {
        this.ended.delete(String(id))
        this.hold(String(id), claimId)
        won.push(String(id))
      }
    }
    return won
  }
}

const keepers = new WeakMap<object, ClaimKeeper>()

/** The claims of one adapter, for tests and for the server's shutdown. */
export function claimKeeperOf(payload: Payload): ClaimKeeper | undefined {
  return keepers.get(payload.db)
}

type UpdateJobs = BaseDatabaseAdapter['updateJobs']
type DeleteMany = BaseDatabaseAdapter['deleteMany']

/** The ids of `{ id: { in: [...] } }` or `{ id: { equals } }`, the shapes Payload deletes completed jobs with. */
function idsOf(where: undefined | Where): string[] | undefined {
  const condition = where?.id as undefined | { equals?: unknown; in?: unknown }
  if (!condition || Object.keys(where ?? {}).length !== 1) return undefined
  if (Array.isArray(condition.in)) return condition.in.map(String)
  if (condition.equals !== undefined) return [String(condition.equals)]
  return undefined
}

function isClaim(data: Record<string, unknown>): boolean {
  return data.processing === true
}

/**
 * Wraps a database adapter so that its jobs are claimed by one process at a
 * time and taken over from a process that stopped (see above).
 */
export function claimingJobsOnce<T extends BaseDatabaseAdapter>(result: DatabaseAdapterObj<T>, options: ClaimOptions): DatabaseAdapterObj<T> {
  return {
    ...result,
    init: (args) => {
      const adapter = result.init(args)
      const keeper = new ClaimKeeper(adapter, options)
      keepers.set(adapter, keeper)
      const updateJobs: UpdateJobs = adapter.updateJobs.bind(adapter)
      const destroy = adapter.destroy?.bind(adapter)
      adapter.destroy = async () => {
        keeper.stop()
        await destroy?.()
      }

      const deleteMany: DeleteMany = adapter.deleteMany.bind(adapter)
      adapter.deleteMany = async function deletingOwnJobs(deleteArgs) {
        const ids = deleteArgs.collection === JOBS_COLLECTION ? idsOf(deleteArgs.where) : undefined
        if (!ids?.some((id) => keeper.ended.has(id))) return deleteMany(deleteArgs)
        // Each job whose run ended here only while its claim is still that run's.
        const or = ids.map((id): Where => {
          const claimId = keeper.ended.get(id)
          keeper.ended.delete(id)
          const same: Where = { id: { equals: id } }
          return claimId ? { and: [same, { claimId: { equals: claimId } }] } : same
        })
        return deleteMany({ ...deleteArgs, where: { or } })
      }

      adapter.updateJobs = async function claimingUpdateJobs(updateArgs: UpdateJobsArgs) {
        const { data, req, returning } = updateArgs
        if (isClaim(data)) {
          await keeper.sweep()
          let candidates: (number | string)[]
          if (updateArgs.id !== undefined) {
            // payload.jobs.runByID: this one job, now, if nobody runs it.
            candidates = [updateArgs.id]
          } else {
            const found = await adapter.find({
              collection: JOBS_COLLECTION,
              limit: updateArgs.limit && updateArgs.limit > 0 ? updateArgs.limit : 0,
              pagination: false,
              req,
              select: { id: true },
              sort: updateArgs.sort,
              where: updateArgs.where,
            })
            candidates = found.docs.map((doc) => (doc as { id: number | string }).id)
          }
          if (candidates.length === 0) return null
          const won = await keeper.claim(candidates, { due: updateArgs.id === undefined })
          if (won.length === 0 || returning === false) return null
          const claimed = await adapter.find({
            collection: JOBS_COLLECTION,
            limit: 0,
            pagination: false,
            req,
            sort: updateArgs.sort,
            where: { id: { in: won } },
          })
          return claimed.docs as Awaited<ReturnType<UpdateJobs>>
        }

        if (updateArgs.id === undefined) return updateJobs(updateArgs)
        const id = String(updateArgs.id)
        const claimId = keeper.held.get(id)
        if (!claimId) return updateJobs(updateArgs)
        // A write of this process's run: only while the claim is still its own.
        const where: Where = { and: [{ id: { equals: updateArgs.id } }, { claimId: { equals: claimId } }] }
        try {
          const written = await updateJobs({ data, req, returning, where })
          if (returning !== false && (!written || written.length === 0)) {
            adapter.payload.logger.warn(`Job ${id} was taken over by another process: this run's write was not applied`)
          }
          return written
        } finally {
          if (data.processing === false) keeper.release(id)
        }
      }
      return adapter
    },
  }
}

/** The collection of schedule slots already queued (see claimScheduleSlot). */
export const JOB_SCHEDULE_SLOTS = 'job-schedule-slots'

/** How long a slot is kept, so the collection does not grow for ever. */
const SLOT_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

/**
 * Takes one run of a cron schedule (a task on a queue at a time) for this
 * process: the first insert of the slot's key wins, every other process gets
 * a duplicate-key error and queues nothing. Payload's scheduler counts the
 * jobs already queued and then queues one: two servers on the same tick
 * would both queue the run.
 */
export async function claimScheduleSlot(payload: Payload, key: string, now = new Date()): Promise<boolean> {
  const slots = nativeDatabase(payload).collection<{ _id: string; queuedAt: Date }>(JOB_SCHEDULE_SLOTS)
  try {
    await slots.insertOne({ _id: key, queuedAt: now })
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false
    throw error
  }
  await slots.deleteMany({ queuedAt: { $lt: new Date(now.getTime() - SLOT_LIFETIME_MS) } })
  return true
}

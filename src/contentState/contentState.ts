import { randomBytes } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { nativeDatabase, transactionSession } from '../database/payloadInternals'

/**
 * The content state: one value, stored in the database, that every saved or
 * deleted document replaces with a new random one (in the same transaction as
 * the change, where there are transactions). Two reads that find the same
 * state saw the same content, on any server of a deployment, so an answer
 * known for one state is still right while the state stays: the HTTP layer
 * answers a revalidation with 304 without building the answer again
 * (src/lib/httpCaching.ts). Random, not counted, so that a state restored
 * from a backup never matches one handed out since.
 */
export const CONTENT_STATE_COLLECTION = 'content-state'
const CURRENT = 'current'

type StateDocument = { _id: string; changedAt: Date; state: string }

function stateCollection(payload: Payload) {
  return nativeDatabase(payload).collection<StateDocument>(CONTENT_STATE_COLLECTION)
}

/** The current state; `initial` until the first change is saved. */
export async function readContentState(payload: Payload): Promise<string> {
  const current = await stateCollection(payload).findOne({ _id: CURRENT }, { projection: { state: 1 } })
  return current?.state ?? 'initial'
}

/** Replaces the state after a change: inside the request's transaction when there is one. */
export async function markContentChanged(payload: Payload, req?: PayloadRequest): Promise<void> {
  const session = await transactionSession(req)
  await stateCollection(payload).updateOne(
    { _id: CURRENT },
    { $set: { changedAt: new Date(), state: randomBytes(12).toString('base64url') } },
    { session: session as never, upsert: true },
  )
}

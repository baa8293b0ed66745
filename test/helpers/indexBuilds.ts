import type { Payload } from 'payload'

/**
 * Waits until Mongoose has built the indexes of every collection, version and
 * global model, which it starts in the background when Payload connects. A
 * short suite would otherwise close the connection while builds are still
 * running, and jest would wait on them after the run ("Jest did not exit").
 */
export async function indexBuildsFinished(payload: Payload): Promise<void> {
  const { collections, globals, versions } = payload.db
  await Promise.all([...Object.values(collections), ...Object.values(versions), globals].map((model) => model.init()))
}

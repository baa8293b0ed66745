import { type Env, readInteger } from '../settings/read'

/** The history of every record (docs/history.md). */
export type HistoryEnvironment = {
  /** The most versions kept per document (and for each global); older ones are removed as new ones are saved. */
  maxVersionsPerDocument: number
}

export const DEFAULT_MAX_VERSIONS_PER_DOCUMENT = 50

/** VERSIONS_MAX_PER_DOC: 1–1000, default 50. Never unbounded: every save adds a version. */
export function readHistoryEnvironment(env: Env = process.env): HistoryEnvironment {
  return {
    maxVersionsPerDocument: readInteger(env, 'VERSIONS_MAX_PER_DOC', DEFAULT_MAX_VERSIONS_PER_DOCUMENT, 1, 1000),
  }
}

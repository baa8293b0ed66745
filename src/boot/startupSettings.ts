import { readCrossrefEnvironment, type CrossrefEnvironment } from '../discovery/crossref/settings'
import { readOaiEnvironment, type OaiEnvironment } from '../discovery/oai/settings'
import { readHistoryEnvironment, type HistoryEnvironment } from '../history/settings'
import { readPreviewEnvironment, type PreviewEnvironment } from '../preview/settings'
import { type Env } from '../settings/read'
import { readServerEnvironment, type ServerEnvironment } from '../settings/environment'
import { readObjectStorageSettings, type ObjectStorageSettings } from '../storage/settings'
import { readWebhookEnvironment, type WebhookEnvironment } from '../webhooks/settings'

/** Every setting the CMS reads: the server's own and each capability's. */
export type StartupSettings = ServerEnvironment & {
  crossref: CrossrefEnvironment
  history: HistoryEnvironment
  oai: OaiEnvironment
  /** Null when WEBSITE_URL is not set: no preview. */
  preview: null | PreviewEnvironment
  /** Null when S3_BUCKET is not set: files in the uploads folder. */
  storage: null | ObjectStorageSettings
  webhooks: WebhookEnvironment
}

/**
 * Reads and validates every setting at once, before anything starts: the
 * first bad value throws a ConfigurationError naming it. The capabilities
 * read their own settings again where they use them; this is the check.
 */
export function readStartupSettings(env: Env = process.env): StartupSettings {
  return {
    ...readServerEnvironment(env),
    crossref: readCrossrefEnvironment(env),
    history: readHistoryEnvironment(env),
    oai: readOaiEnvironment(env),
    preview: readPreviewEnvironment(env),
    storage: readObjectStorageSettings(env),
    webhooks: readWebhookEnvironment(env),
  }
}

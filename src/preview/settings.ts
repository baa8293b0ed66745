import { ConfigurationError } from '../settings/configurationError'
import { readWebsitePathTemplates, readWebsiteUrl } from '../settings/environment'
import { type Env, readInteger, text } from '../settings/read'
import {
  defaultPreviewPathTemplate,
  PREVIEW_COLLECTIONS,
  PREVIEW_OFF,
  PREVIEW_PATH_VARIABLES,
  previewPathTemplateProblem,
  type PreviewCollection,
} from './previewPaths'

/** Live preview of drafts on the website (docs/workflow.md#live-preview). */
export type PreviewEnvironment = {
  /** The preview path template of each collection; null: no preview for it. */
  paths: Record<PreviewCollection, null | string>
  /** How long a preview token is valid, in seconds. */
  tokenTtlSeconds: number
  /** The website's origin (WEBSITE_URL), where preview URLs point. */
  websiteUrl: string
}

/**
 * Preview: WEBSITE_URL (required: without it there is no preview), one
 * WEBSITE_*_PREVIEW_PATH per collection (default: its page template with
 * `?preview={token}`; `off` for none) and PREVIEW_TOKEN_TTL_SECONDS
 * (60-86400, default 1800).
 */
export function readPreviewEnvironment(env: Env = process.env): null | PreviewEnvironment {
  const tokenTtlSeconds = readInteger(env, 'PREVIEW_TOKEN_TTL_SECONDS', 1800, 60, 86_400)
  const pages = readWebsitePathTemplates(env)
  const paths = {} as Record<PreviewCollection, null | string>
  for (const collection of PREVIEW_COLLECTIONS) {
    const name = PREVIEW_PATH_VARIABLES[collection]
    const value = text(env, name)
    if (value === PREVIEW_OFF) {
      paths[collection] = null
      continue
    }
    const problem = value === undefined ? undefined : previewPathTemplateProblem(collection, value)
    if (problem) throw new ConfigurationError(`${name} ${problem}, or off`)
    paths[collection] = value ?? defaultPreviewPathTemplate(collection, pages)
  }
  if (text(env, 'WEBSITE_URL') === undefined) return null
  return { paths, tokenTtlSeconds, websiteUrl: readWebsiteUrl(env) }
}

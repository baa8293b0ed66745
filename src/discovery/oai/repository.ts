import type { Payload } from 'payload'

import { readWebsitePathTemplates, readWebsiteUrl } from '../../settings/environment'
import { readOaiEnvironment } from './settings'
import { websitePaths, type WebsitePaths } from '../../lib/websitePaths'
import { LOCALES } from '../../policy/languages'

/** What every answer of the repository needs to know about it. */
export type Repository = {
  /** Addresses named in Identify (OAI_ADMIN_EMAIL); empty: the site's main contact. */
  adminEmails: string[]
  /** The address harvesters send requests to: `<SERVER_URL>/oai`. */
  baseUrl: string
  /** The CMS's languages, the default first. */
  locales: readonly string[]
  /** Records or headers per answer (OAI_PAGE_SIZE). */
  pageSize: number
  paths: WebsitePaths
  payload: Payload
  /** The host name in record identifiers (`oai:<host>:article/<id>`): the website's. */
  recordHost: string
  websiteUrl: string
}

/** The public path of the base URL; the server rewrites it to the endpoint under /api (src/http/publicPaths.ts). */
export const OAI_PATH = '/oai'

/** Read per request from the environment (validated when the server starts) and the config. */
export function repositoryOf(payload: Payload): Repository {
  const { serverURL } = payload.config
  const websiteUrl = readWebsiteUrl()
  const environment = readOaiEnvironment()
  return {
    adminEmails: environment.adminEmails,
    baseUrl: `${(serverURL || websiteUrl).replace(/\/$/, '')}${OAI_PATH}`,
    locales: LOCALES,
    pageSize: environment.pageSize,
    paths: websitePaths(readWebsitePathTemplates()),
    payload,
    recordHost: new URL(websiteUrl).hostname,
    websiteUrl,
  }
}

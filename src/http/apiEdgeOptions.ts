import type { Payload } from 'payload'

import { readContentState } from '../contentState/contentState'
import type { ServerEnvironment } from '../settings/environment'
import type { ApiEdgeOptions } from './apiEdge'

/** The API edge's settings, from the server's environment: the same for the production server and the tests. */
export function apiEdgeOptions(payload: Payload, environment: Pick<ServerEnvironment, 'apiCache' | 'maxApiBodyBytes'>): ApiEdgeOptions {
  return {
    caching: {
      // OAI-PMH answers carry the time of the request and resumption tokens that expire.
      alwaysBuild: /^\/api\/oai\b/,
      // Revalidations are answered from the content state, without building the answer again.
      contentState: () => readContentState(payload),
      policy: environment.apiCache,
      sessionCookie: `${payload.config.cookiePrefix}-token`,
      // Uploaded files are streamed from disk as they are.
      skip: /^\/api\/[^/]+\/file\//,
    },
    documentVersions: { payload },
    maxBodyBytes: environment.maxApiBodyBytes,
  }
}

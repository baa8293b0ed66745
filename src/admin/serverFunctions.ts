import type { ServerFunctionHandler } from 'payload'

import { scheduleArticlePublish } from './scheduleArticlePublish'

type ServerFunctions = NonNullable<Parameters<ServerFunctionHandler>[0]['serverFunctions']>

/** Server functions of the admin UI the journal replaces, by the name the UI calls them. */
export const adminServerFunctions: ServerFunctions = {
  'schedule-publish': scheduleArticlePublish as ServerFunctions[string],
}

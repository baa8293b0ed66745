/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
import config from '@payload-config'
import '@payloadcms/next/css'

import { restRoutes } from '../../../../lib/apiRoutes'

// Changed from the generated file: Payload's handlers behind the API's edge (src/lib/apiRoutes.ts):
// body limits, and answers for an unreachable database and spent budgets.
const routes = restRoutes(config)

export const GET = routes.GET
export const POST = routes.POST
export const DELETE = routes.DELETE
export const PATCH = routes.PATCH
export const PUT = routes.PUT
export const OPTIONS = routes.OPTIONS

/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
import config from '@payload-config'

import { graphqlRoutes } from '../../../../lib/apiRoutes'

// Changed from the generated file: Payload's handler behind the API's edge (src/lib/apiRoutes.ts):
// 400 for queries refused before they run, GET for queries, body and fragment limits, and answers
// for an unreachable database and spent budgets.
const routes = graphqlRoutes(config)

export const POST = routes.POST
export const GET = routes.GET
export const OPTIONS = routes.OPTIONS

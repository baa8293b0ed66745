/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
import config from '@payload-config'
import '@payloadcms/next/css'
import {
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { readMaxApiBodyBytes } from '../../../../lib/environment'
import { withRequestLimits } from '../../../../lib/requestLimits'

// Changed from the generated file: bodies over API_MAX_BODY_KB get 413, and bodies or
// query strings Payload cannot read get 400 rather than 500 (src/lib/requestLimits.ts).
const limits = { maxBodyBytes: readMaxApiBodyBytes(), objectBodies: true }

export const GET = withRequestLimits(REST_GET(config), limits)
export const POST = withRequestLimits(REST_POST(config), limits)
export const DELETE = withRequestLimits(REST_DELETE(config), limits)
export const PATCH = withRequestLimits(REST_PATCH(config), limits)
export const PUT = withRequestLimits(REST_PUT(config), limits)
export const OPTIONS = REST_OPTIONS(config)

import type { AfterErrorHook } from 'payload'

/**
 * Payload walks documents, `where` queries and multipart `_payload` fields
 * recursively. JSON bodies and parameters are refused at the edge when they
 * nest too deep (src/http/requestLimits.ts); any other input that still
 * exhausts the stack on the way (a multipart upload's JSON, say) is the
 * client's to fix: `400`, never a 500.
 */
export const inputTooDeep: AfterErrorHook = ({ error, req }) => {
  if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) return
  req.payload.logger.warn({ url: req.url }, 'A request nested too deeply to be processed was refused')
  return { response: { errors: [{ message: 'The request nests too deeply to be processed: send flatter data' }] }, status: 400 }
}

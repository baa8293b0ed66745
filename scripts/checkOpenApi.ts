/**
 * `npm run check:openapi`: validates the OpenAPI document the server serves
 * at /api/openapi.json with openapi-spec-validator (PyPI), a validator this
 * project did not write, besides the one the tests use
 * (test/delivery/openapi.spec.ts), so that the two cannot disagree unseen.
 *
 * The validator is `OPENAPI_SPEC_VALIDATOR` when set, else
 * `.data/openapi-validator/bin/openapi-spec-validator` (CI installs it there:
 * `python3 -m venv .data/openapi-validator && .data/openapi-validator/bin/pip
 * install openapi-spec-validator==0.9.0`). Exit code 0 when the document is
 * valid, 1 with the validator's findings otherwise, 2 when no validator is
 * installed.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { openApiDocument } from '../src/openapi/document'
import { projectRoot } from '../src/lib/projectPaths'

const validator = process.env.OPENAPI_SPEC_VALIDATOR ?? path.join(projectRoot, '.data', 'openapi-validator', 'bin', 'openapi-spec-validator')
if (!fs.existsSync(validator)) {
  console.error(`No openapi-spec-validator at ${validator}: install it (see scripts/checkOpenApi.ts) or set OPENAPI_SPEC_VALIDATOR`)
  process.exit(2)
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-openapi-'))
const file = path.join(directory, 'openapi.json')
let status = 1
try {
  // The document is put together from the parts the config's plugins and collections add (nothing is connected to).
  const { default: config } = await import('../src/payload.config')
  fs.writeFileSync(file, JSON.stringify(openApiDocument(await config), null, 2))
  const result = spawnSync(validator, ['--schema', '3.1', '--validation-errors', 'all', file], { encoding: 'utf8' })
  if (result.error) throw result.error
  process.stdout.write(result.stdout.replaceAll(file, '/api/openapi.json'))
  process.stderr.write(result.stderr.replaceAll(file, '/api/openapi.json'))
  status = result.status === 0 ? 0 : 1
} finally {
  fs.rmSync(directory, { force: true, recursive: true })
}
process.exit(status)

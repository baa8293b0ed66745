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

import { projectRoot } from '../src/lib/projectPaths'

const validator = process.env.OPENAPI_SPEC_VALIDATOR ?? path.join(projectRoot, '.data', 'openapi-validator', 'bin', 'openapi-spec-validator')
if (!fs.existsSync(validator)) {
  console.error(`No openapi-spec-validator at ${validator}: install it (see scripts/checkOpenApi.ts) or set OPENAPI_SPEC_VALIDATOR`)
  process.exit(2)
}

/**
 * The document as the server serves it, written by a process of its own
 * (scripts/lib/writeOpenApiDocument.ts). Loading the Payload config in a bare
 * Node process sometimes ends at once with exit code 13, a top-level await
 * left unsettled while the config's module graph loads (measured here: 3 of
 * 30 runs; the server and the tests, which load it with other work under
 * way, are not affected): such a load is tried again, up to three times.
 */
function writeDocument(target: string): void {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'lib', 'writeOpenApiDocument.ts'), target], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] })
    if (result.status === 0) return
    if (result.status !== 13) throw new Error(`writing the OpenAPI document failed (exit code ${result.status})`)
  }
  throw new Error('loading the Payload config ended with an unsettled top-level await three times in a row')
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-openapi-'))
const file = path.join(directory, 'openapi.json')
let status = 1
try {
  writeDocument(file)
  const result = spawnSync(validator, ['--schema', '3.1', '--validation-errors', 'all', file], { encoding: 'utf8' })
  if (result.error) throw result.error
  process.stdout.write(result.stdout.replaceAll(file, '/api/openapi.json'))
  process.stderr.write(result.stderr.replaceAll(file, '/api/openapi.json'))
  status = result.status === 0 ? 0 : 1
} finally {
  fs.rmSync(directory, { force: true, recursive: true })
}
process.exit(status)

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
 * (scripts/lib/writeOpenApiDocument.ts). The process loads the config with
 * the `development` export condition, as every other script does: without it,
 * the rich-text editor's default entry points (top-level `await` around
 * dynamic imports) sometimes leave Node 20 with an unsettled top-level await
 * and exit code 13 (5 of 15 bare loads here; 0 of 15 with the condition).
 */
function writeDocument(target: string): void {
  const result = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', path.join(projectRoot, 'scripts', 'lib', 'writeOpenApiDocument.ts'), target], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] })
  if (result.status !== 0) throw new Error(`writing the OpenAPI document failed (exit code ${result.status})`)
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

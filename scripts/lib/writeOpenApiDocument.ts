/**
 * Writes the OpenAPI document the server serves to the file named by its
 * argument: the config is built (its plugins and collections add their
 * parts; nothing is connected to) and the document put together from it.
 * Run by scripts/checkOpenApi.ts in a process of its own.
 */
import fs from 'node:fs'

const file = process.argv[2]
if (!file) throw new Error('usage: writeOpenApiDocument.ts <file>')
const { default: configPromise } = await import('../../src/payload.config')
const config = await configPromise
const { openApiDocument } = await import('../../src/openapi/document')
fs.writeFileSync(file, JSON.stringify(openApiDocument(config), null, 2))
process.exit(0)

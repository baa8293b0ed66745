import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const DOCUMENT_ID = 'https://journal-cms.invalid/openapi.json'

/**
 * Checks values against the schemas of the OpenAPI document the server
 * publishes (GET /api/openapi.json): its local references (#/components/…)
 * resolve inside that document.
 */
export class OpenApiSchemas {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false })
  private compiled = 0

  constructor(document: { components: Record<string, unknown> }) {
    addFormats(this.ajv)
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components })
  }

  /** Throws, naming what does not match, unless `value` is valid against `schema`. */
  expectValid(schema: object, value: unknown, what: string): void {
    this.compiled += 1
    const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${DOCUMENT_ID}#/components/`)) as object
    const validate = this.ajv.compile({ $id: `${DOCUMENT_ID}/checked/${this.compiled}`, ...rebased })
    if (!validate(value)) throw new Error(`${what} does not match the document: ${this.ajv.errorsText(validate.errors)}`)
  }

  /** The same, against a named schema of the document's components. */
  expectValidAs(name: string, value: unknown, what = name): void {
    this.expectValid({ $ref: `#/components/schemas/${name}` }, value, what)
  }
}

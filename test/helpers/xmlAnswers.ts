import { expect } from '@jest/globals'
import { type XMLParser, XMLValidator } from 'fast-xml-parser'
import { validateXML, type XMLFileInfo } from 'xmllint-wasm'

/**
 * Parses XML that must be well-formed: a malformed document fails the test
 * with the parser's reason and the start of the document.
 */
export function parseWellFormedXml<T>(parser: XMLParser, text: string): T {
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}\n${text.slice(0, 500)}`)
  return parser.parse(text) as T
}

/** The XML Schemas an answer is checked against: the main schema and the ones it imports. */
export type XmlSchemas = { preload?: readonly XMLFileInfo[] | XMLFileInfo; schema: XMLFileInfo }

/** Expects the document to be valid against the schemas, listing every violation when it is not. */
export async function expectSchemaValid(contents: string, schemas: XmlSchemas): Promise<void> {
  const result = await validateXML({ ...schemas, xml: { contents, fileName: 'answer.xml' } })
  expect(result.errors.map((error) => error.message)).toEqual([])
  expect(result.valid).toBe(true)
}

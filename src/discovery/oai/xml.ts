/** Characters XML 1.0 does not allow anywhere in a document (control characters, lone surrogates, U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' }

/** Text or an attribute value, escaped; characters XML cannot carry are dropped. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '').replace(/["&'<>]/g, (character) => ENTITIES[character])
}

export type XmlAttributes = Record<string, number | string | undefined>

function attributeList(attributes: XmlAttributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, number | string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
}

/** An element whose content is markup already serialised (child elements). */
export function element(name: string, attributes: XmlAttributes, children: readonly string[] = []): string {
  const content = children.join('')
  return content ? `<${name}${attributeList(attributes)}>${content}</${name}>` : `<${name}${attributeList(attributes)}/>`
}

/** An element holding text. */
export function textElement(name: string, value: number | string, attributes: XmlAttributes = {}): string {
  const content = escapeXml(String(value))
  return content ? `<${name}${attributeList(attributes)}>${content}</${name}>` : `<${name}${attributeList(attributes)}/>`
}

/**
 * Characters XML 1.0 does not allow anywhere, even escaped: most C0 control
 * characters, lone surrogates, U+FFFE and U+FFFF. Text pasted from old pages
 * sometimes carries them, and one is enough to make a whole feed unreadable.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' }

/** The text without the characters XML cannot carry: what every feed format shows, so they all agree. */
export function xmlCharactersOnly(value: string): string {
  return value.replace(NOT_XML, '')
}

/** Text made safe for XML element content and attribute values alike. */
export function xmlText(value: string): string {
  return xmlCharactersOnly(value).replace(/["&'<>]/g, (character) => ENTITIES[character])
}

type Attributes = Record<string, null | string | undefined>

function attributesOf(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ` ${name}="${xmlText(value)}"`)
    .join('')
}

/** `<name a="…">text</name>`, text and attribute values escaped; attributes without a value are left out. */
export function xmlElement(name: string, text: string, attributes: Attributes = {}): string {
  return `<${name}${attributesOf(attributes)}>${xmlText(text)}</${name}>`
}

/** `<name a="…"/>`. */
export function xmlEmptyElement(name: string, attributes: Attributes): string {
  return `<${name}${attributesOf(attributes)}/>`
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

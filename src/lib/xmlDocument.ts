import { XMLBuilder } from 'fast-xml-parser'

/**
 * Characters XML 1.0 does not allow anywhere, even escaped: most C0 control
 * characters, lone surrogates, U+FFFE and U+FFFF. Text pasted from old pages
 * sometimes carries them, and one is enough to make a whole document
 * unreadable. The builder escapes markup but passes these through, so every
 * text and attribute value goes through this first.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** The text without the characters XML cannot carry (feeds apply it to their JSON form too, so the formats agree). */
export function xmlCharactersOnly(value: string): string {
  return value.replace(NOT_XML, '')
}

const charactersOnly = (_name: string, value: unknown) => (typeof value === 'string' ? xmlCharactersOnly(value) : value)

/**
 * fast-xml-parser's builder in its ordered form (children in the order
 * given, text between them allowed), without its own line breaks: the
 * layout is the documents' own (see `onSeparateLines`). It escapes
 * `& < > " '` in text and attribute values alike.
 */
const builder = new XMLBuilder({
  attributeValueProcessor: charactersOnly,
  ignoreAttributes: false,
  preserveOrder: true,
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
  tagValueProcessor: charactersOnly,
})

const ATTRIBUTE = '@_'
const TEXT = '#text'

declare const xmlNode: unique symbol

/** An element or a text, built by the functions below; only `xmlDocument` turns it into markup. */
export type XmlNode = { readonly [xmlNode]?: true }

/** Attributes in the order written; those without a value are left out. */
export type XmlAttributes = Record<string, null | number | string | undefined>

type OrderedNode = Record<string, unknown>

function textNode(value: string): XmlNode {
  return { [TEXT]: value } as OrderedNode as XmlNode
}

/**
 * `<name a="…">children</name>`, or `<name a="…"/>` when it has no
 * children; a string child is text (an empty one is left out).
 */
export function element(name: string, attributes: XmlAttributes = {}, children: readonly (string | XmlNode)[] = []): XmlNode {
  const node: OrderedNode = {
    [name]: children.filter((child) => child !== '').map((child) => (typeof child === 'string' ? textNode(child) : child)),
  }
  const present = Object.entries(attributes).filter((entry): entry is [string, number | string] => entry[1] !== undefined && entry[1] !== null)
  if (present.length) node[':@'] = Object.fromEntries(present.map(([key, value]) => [`${ATTRIBUTE}${key}`, String(value)]))
  return node as XmlNode
}

/** An element holding text: `<name a="…">text</name>` (`<name a="…"/>` for an empty text). */
export function textElement(name: string, value: number | string, attributes: XmlAttributes = {}): XmlNode {
  return element(name, attributes, [String(value)])
}

/** The children one per line, each after a line break, and a line break before the closing tag. */
export function onSeparateLines(children: readonly XmlNode[]): XmlNode[] {
  return [...children.flatMap((child) => [textNode('\n'), child]), textNode('\n')]
}

/** A whole document: the XML declaration (UTF-8) on its own line, then the root element and a final line break. */
export function xmlDocument(root: XmlNode): string {
  const declaration = { '?xml': [], ':@': { [`${ATTRIBUTE}version`]: '1.0', [`${ATTRIBUTE}encoding`]: 'UTF-8' } }
  return builder.build([declaration, textNode('\n'), root, textNode('\n')]) as string
}

/**
 * Record identifiers: `oai:<host>:article/<id>`, where <host> is the host
 * name of the website (WEBSITE_URL, or SERVER_URL when unset) and <id> the
 * article's id in the CMS, which never changes (slugs may).
 */

/** Ids of the MongoDB adapter: 24 hexadecimal digits. */
const ARTICLE_ID = /^[0-9a-f]{24}$/

export function articleIdentifier(host: string, id: number | string): string {
  return `oai:${host}:article/${id}`
}

/** The article id an identifier names in this repository, or undefined when it names nothing here. */
export function articleIdOf(host: string, identifier: string): string | undefined {
  const prefix = `oai:${host}:article/`
  if (!identifier.startsWith(prefix)) return undefined
  const id = identifier.slice(prefix.length)
  return ARTICLE_ID.test(id) ? id : undefined
}

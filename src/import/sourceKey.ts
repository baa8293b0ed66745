/** Lower-case words (any script) joined by hyphens: "Master forum" → master-forum, "大家论坛" stays as it is. */
function keyPart(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The identifier of a page of the old site, kept on the article it was
 * imported into (`legacySource`, per language): its section path and title,
 * e.g. `journals/master-forum/the-us-japan-alliance-and-the-sino-japanese-relations`.
 * It comes from what the page says, not from the file, so the text and the
 * HTML of a page, or a file renamed or re-saved, are the same page; a page
 * whose text was corrected keeps its identifier and updates its article.
 */
export function sourceKey(sectionPath: readonly string[], title: string): string {
  return [...sectionPath, title].map(keyPart).join('/')
}

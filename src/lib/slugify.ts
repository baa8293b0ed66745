import { pinyin } from 'pinyin-pro'

const MAX_SLUG_LENGTH = 80
const HAN = /\p{Script=Han}/u

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Turns a title into a URL slug: lower-case ASCII words joined by hyphens.
 * Chinese characters become their pinyin syllables ("美日同盟" → "mei-ri-tong-meng").
 * Returns '' when nothing usable is left (a title of punctuation only).
 */
export function slugify(title: string): string {
  const latin = HAN.test(title)
    ? pinyin(title, { nonZh: 'consecutive', toneType: 'none', type: 'array', v: true }).join(' ')
    : title
  const slug = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1)
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG_LENGTH)
}

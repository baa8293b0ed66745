/**
 * Directory telephone numbers, typed as printed ("86-10-82005566",
 * "+86 10 8200 5566", "010-82005669", "82005669"), in international form for
 * machines: `+86-10-82005566` (E.164 digits with the country and area codes
 * set apart by hyphens, which RFC 3966 allows as visual separators) and the
 * `tel:` URI of RFC 3966, with `;ext=` for an extension.
 */

/** The country and area code a number without them is dialled in. */
export type DialingCode = { area?: string; country: string }

type Parsed = { groups: string[]; kind: 'international' | 'local' | 'national' }

function parse(printed: string): Parsed | undefined {
  const trimmed = printed.trim()
  const groups = trimmed.split(/[\s().-]+/).filter(Boolean)
  if (groups.length === 0 || groups.some((group) => !/^\+?\d+$/.test(group))) return undefined
  const digits = groups.join('').replace(/\D/g, '')
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    const international = groups.map((group) => group.replace(/^\+/, ''))
    international[0] = international[0].replace(/^00/, '')
    return { groups: international.filter(Boolean), kind: 'international' }
  }
  // "86-10-82005566": the country code, without a plus, before the area code and the number.
  if (groups.length >= 3 && !groups[0].startsWith('0') && groups[0].length <= 3 && digits.length >= 10) {
    return { groups, kind: 'international' }
  }
  if (groups[0].startsWith('0')) return { groups, kind: 'national' }
  return { groups, kind: 'local' }
}

/** The country and area code of a number printed with both ("86-10-82005566" → 86, 10); undefined otherwise. */
export function dialingCodeOf(printed: string): DialingCode | undefined {
  const parsed = parse(printed)
  if (parsed?.kind !== 'international' || parsed.groups.length < 3) return undefined
  return { area: parsed.groups[1], country: parsed.groups[0] }
}

/**
 * The number in international form, `+86-10-82005566`. A number printed
 * without a country code takes it from `dialingCode` (and, without an area
 * code either, its area code too); undefined when that is not known.
 */
export function internationalNumber(printed: string, dialingCode?: DialingCode): string | undefined {
  const parsed = parse(printed)
  if (!parsed) return undefined
  const { groups } = parsed
  const joined = (parts: string[]) => `+${[parts[0], parts[1], parts.slice(2).join('')].filter(Boolean).join('-')}`
  switch (parsed.kind) {
    case 'international':
      return joined(groups)
    case 'national':
      if (!dialingCode) return undefined
      return joined([dialingCode.country, groups[0].replace(/^0+/, ''), ...groups.slice(1)].filter(Boolean))
    case 'local':
      if (!dialingCode?.area) return undefined
      return joined([dialingCode.country, dialingCode.area, groups.join('')])
  }
}

/** `+86-10-82005566;ext=8008`: the international number with its extension, as RFC 3966 writes one. */
export function withExtension(international: string, extension?: null | string): string {
  return extension ? `${international};ext=${extension}` : international
}

/** `tel:+86-10-82005566;ext=8008` (RFC 3966). */
export function telUri(international: string, extension?: null | string): string {
  return `tel:${withExtension(international, extension)}`
}

const ORCID_PATTERN = /^(\d{4})-(\d{4})-(\d{4})-(\d{3}[\dX])$/

/** An ORCID iD in its usual form, 0000-0002-1825-0097, with a correct ISO 7064 11,2 check digit. */
export function isValidOrcid(value: string): boolean {
  if (!ORCID_PATTERN.test(value)) return false
  const digits = value.replace(/-/g, '')
  let total = 0
  for (const digit of digits.slice(0, 15)) total = (total + Number(digit)) * 2
  const remainder = total % 11
  const check = (12 - remainder) % 11
  return digits[15] === (check === 10 ? 'X' : String(check))
}

/** Telephone and fax numbers as printed: digits with optional +, spaces, hyphens, dots and brackets. */
export function isValidPhoneNumber(value: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(value)) return false
  const digits = value.replace(/\D/g, '').length
  return digits >= 5 && digits <= 20
}

/** An extension: 1 to 6 digits. */
export function isValidExtension(value: string): boolean {
  return /^\d{1,6}$/.test(value)
}

/** An absolute http(s) address with a host. */
export function isValidWebsite(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
  } catch {
    return false
  }
}

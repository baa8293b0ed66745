/**
 * What a directory entry's telephone, fax, extension, e-mail and website may
 * look like, and what to tell the person who typed something else. The
 * messages are the ones the admin UI and the API show.
 */

const PRINTED_NUMBER = /^\+?[\d\s().-]+$/
/** "82005566 Ext.8008", "82005566, ext 8008", "82005566 x8008": a number with its extension typed after it. */
const NUMBER_WITH_EXTENSION = /^(.*?\d)[\s,]*(?:ext(?:ension)?|extn|x)\.?\s*(\d+)\s*$/i

/** Telephone and fax numbers as printed: digits with optional +, spaces, hyphens, dots and brackets. */
export function isValidPhoneNumber(value: string): boolean {
  if (!PRINTED_NUMBER.test(value)) return false
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

/** An e-mail address with a user, an @ and a domain that has a dot: caifc@caifc.org.cn. */
export function isValidEmail(value: string): boolean {
  if (value.includes('..')) return false
  return /^[\w!#$%&'*+/=?^`{|}~.-]+@[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*\.[a-z]{2,}$/i.test(value)
}

/** `true`, or what is wrong with a telephone number (`kind` names it in the message: "telephone", "fax"). */
export function checkPhoneNumber(value: string, kind: 'fax' | 'telephone' = 'telephone'): string | true {
  if (isValidPhoneNumber(value)) return true
  const pieces = value.split(/[,;/、，]/).map((piece) => piece.trim())
  if (pieces.length > 1 && pieces.every((piece) => isValidPhoneNumber(piece.replace(NUMBER_WITH_EXTENSION, '$1')))) {
    return kind === 'fax'
      ? 'Enter one fax number only'
      : 'Enter one telephone number per row: add a row for each further number'
  }
  const withExtension = kind === 'telephone' ? NUMBER_WITH_EXTENSION.exec(value) : null
  if (withExtension && isValidPhoneNumber(withExtension[1])) {
    return `Put the extension in its own field: enter ${withExtension[1]} here and ${withExtension[2]} as the extension`
  }
  return kind === 'fax'
    ? 'Enter a fax number such as 86-10-82007131 or +86 10 8200 7131'
    : 'Enter a telephone number such as 86-10-82005566 or +86 10 8200 5566'
}

export function checkExtension(value: string): string | true {
  return isValidExtension(value) || 'Enter the extension as 1 to 6 digits without "Ext.", e.g. 8008'
}

export function checkWebsite(value: string): string | true {
  if (isValidWebsite(value)) return true
  if (!/^[a-z][a-z\d+.-]*:/i.test(value) && isValidWebsite(`http://${value}`)) {
    return `Start the address with http:// or https://, e.g. http://${value}`
  }
  return 'Enter a full web address starting with http:// or https://, e.g. http://www.caifc.org.cn'
}

export function checkEmail(value: string): string | true {
  return isValidEmail(value) || 'Enter an e-mail address such as caifc@caifc.org.cn'
}

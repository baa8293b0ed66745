import { dictionary } from '@zxcvbn-ts/language-common'

/** What a password is checked against besides the list of common passwords. */
export type PasswordOwner = { email?: null | string; name?: null | string }

let commonPasswords: Set<string> | undefined

/** The common-password list shipped with zxcvbn-ts (lower case), loaded on first use. */
function isCommonPassword(lowered: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'])
  return commonPasswords.has(lowered)
}

function ownDetails({ email, name }: PasswordOwner): string[] {
  const details: string[] = []
  const address = email?.trim().toLowerCase()
  if (address) details.push(address, address.split('@')[0])
  const fullName = name?.trim().toLowerCase()
  if (fullName) details.push(fullName, fullName.replace(/\s+/g, ''))
  return details.filter(Boolean)
}

/**
 * Why a password is refused, in words a person can act on, or undefined when
 * it is accepted: shorter than `minLength` characters, one of the common
 * passwords (exact match after lower-casing), or the account's own e-mail
 * address or name.
 */
export function passwordProblem(password: string, owner: PasswordOwner, minLength: number): string | undefined {
  const length = [...password].length
  if (length < minLength) {
    return `The password must be at least ${minLength} characters long (this one has ${length}): a few unrelated words make a good one`
  }
  const lowered = password.trim().toLowerCase()
  if (isCommonPassword(lowered)) {
    return 'This password is one of the most common passwords, the first ones an attacker tries: choose another'
  }
  if (ownDetails(owner).includes(lowered)) {
    return 'The password must not be the account\'s own e-mail address or name: choose another'
  }
  return undefined
}

import { describe, expect, it } from '@jest/globals'

import { usersAuthSettings } from '../../collections/Users/authSettings'
import { ConfigurationError } from '../../src/settings/configurationError'
import { readAccountsEnvironment, readServerEnvironment } from '../../src/settings/environment'
import { passwordProblem } from '../../src/lib/passwordPolicy'

function errorOf(env: Record<string, string>): string {
  try {
    readServerEnvironment(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigurationError')
}

describe('account settings from the environment', () => {
  it('defaults: 5 wrong passwords lock an account for 10 minutes; passwords of at least 12 characters', () => {
    expect(readServerEnvironment({}).accounts).toEqual({
      lockTimeMs: 600_000,
      maxLoginAttempts: 5,
      passwordMinLength: 12,
      secureCookies: false,
    })
    expect(readAccountsEnvironment({ NODE_ENV: 'production' }).secureCookies).toBe(true)
  })

  it('reads LOGIN_MAX_ATTEMPTS, LOGIN_LOCK_TIME_MS and PASSWORD_MIN_LENGTH', () => {
    expect(readAccountsEnvironment({ LOGIN_LOCK_TIME_MS: '900000', LOGIN_MAX_ATTEMPTS: '10', PASSWORD_MIN_LENGTH: '16' })).toMatchObject({
      lockTimeMs: 900_000,
      maxLoginAttempts: 10,
      passwordMinLength: 16,
    })
    expect(usersAuthSettings({ LOGIN_LOCK_TIME_MS: '900000', LOGIN_MAX_ATTEMPTS: '10' })).toMatchObject({
      cookies: { sameSite: 'Lax', secure: false },
      lockTime: 900_000,
      maxLoginAttempts: 10,
      useSessions: true,
    })
  })

  it('refuses values that would switch the protection off or lock people out for good, naming the setting', () => {
    expect(errorOf({ LOGIN_MAX_ATTEMPTS: '0' })).toMatch(/LOGIN_MAX_ATTEMPTS must be a whole number from 1 to 100 \(got "0"\)/)
    expect(errorOf({ LOGIN_MAX_ATTEMPTS: 'five' })).toMatch(/LOGIN_MAX_ATTEMPTS/)
    expect(errorOf({ LOGIN_LOCK_TIME_MS: '604800000' })).toMatch(/LOGIN_LOCK_TIME_MS must be a whole number from 1000 to 86400000/)
    expect(errorOf({ LOGIN_LOCK_TIME_MS: '10m' })).toMatch(/LOGIN_LOCK_TIME_MS/)
    expect(errorOf({ PASSWORD_MIN_LENGTH: '6' })).toMatch(/PASSWORD_MIN_LENGTH must be a whole number from 8 to 128 \(got "6"\)/)
  })
})

describe('the password policy', () => {
  const owner = { email: 'li.ming@example.org', name: 'Li Ming' }

  it('names what is wrong', () => {
    expect(passwordProblem('short', owner, 12)).toMatch(/at least 12 characters long \(this one has 5\)/)
    expect(passwordProblem('1q2w3e4r5t6y', owner, 12)).toMatch(/most common passwords/)
    expect(passwordProblem('LI.MING@EXAMPLE.ORG', owner, 12)).toMatch(/own e-mail address or name/)
    expect(passwordProblem('li.ming@example.org', owner, 20)).toMatch(/at least 20 characters/)
  })

  it('accepts what is long, uncommon and not the owner\'s', () => {
    expect(passwordProblem('li ming writes on trade', owner, 12)).toBeUndefined()
    expect(passwordProblem('国际关系研究所期刊编辑部的密码', owner, 12)).toBeUndefined()
  })
})

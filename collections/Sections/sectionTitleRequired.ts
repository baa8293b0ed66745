import { type TextFieldSingleValidation, validations } from 'payload'

import { DEFAULT_LOCALE } from '../../src/policy/languages'

/**
 * A section needs a title when it is made and in the default language; a
 * translation may be left for later. Otherwise Payload's own text checks.
 */
export const sectionTitleRequired: TextFieldSingleValidation = (value, options) => {
  const needed = options.operation === 'create' || options.req.locale === DEFAULT_LOCALE
  if (needed && !value?.trim()) return 'A section needs a title'
  return validations.text(value, { ...options, required: false })
}

import { type TextFieldSingleValidation, validations } from 'payload'

/**
 * A section needs a title when it is made and in the default language; a
 * translation may be left for later. Otherwise Payload's own text checks.
 */
export const sectionTitleRequired: TextFieldSingleValidation = (value, options) => {
  const defaultLocale = options.req.payload.config.localization ? options.req.payload.config.localization.defaultLocale : undefined
  const needed = options.operation === 'create' || !defaultLocale || options.req.locale === defaultLocale
  if (needed && !value?.trim()) return 'A section needs a title'
  return validations.text(value, { ...options, required: false })
}

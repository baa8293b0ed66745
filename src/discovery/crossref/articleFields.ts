import { ValidationError, type ArrayField, type FieldHook, type PayloadRequest, type TextField, type Where } from 'payload'

import { DEFAULT_LOCALE } from '../../policy/languages'
import { INVALID_DOI_MESSAGE, isValidDoi, normalizeDoi } from './doi'

/**
 * What is wrong with an article's DOI, or true: its form, then whether
 * another article (drafts included) already has it. The database is asked
 * only when `checkUniqueness` is set (on save, for a DOI new to the article).
 */
async function doiProblem(value: unknown, { checkUniqueness, id, req }: { checkUniqueness: boolean; id?: number | string; req: PayloadRequest }): Promise<string | true> {
  if (value === null || value === undefined || value === '') return true
  if (typeof value !== 'string' || !isValidDoi(value)) return INVALID_DOI_MESSAGE
  if (!checkUniqueness) return true
  const others: Where[] = [{ doi: { equals: value } }]
  if (id !== undefined) others.push({ id: { not_equals: id } })
  const found = await req.payload.find({
    collection: 'articles',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { title: true },
    where: { and: others },
  })
  const other = found.docs[0]
  if (other) return `The DOI ${value} is already the article "${String(other.title ?? other.id).slice(0, 80)}"'s: each DOI names one article`
  return true
}

const normalize: FieldHook = ({ value }) => normalizeDoi(value)

/** Drafts skip field validation, but a draft's DOI must be a DOI and unique too: checked when it changes. */
const checkDraftDoi: FieldHook = async ({ collection, data, originalDoc, path, previousValue, req, value }) => {
  if (data?._status !== 'draft' || !value || value === previousValue) return value
  const problem = await doiProblem(value, { checkUniqueness: true, id: originalDoc?.id, req })
  if (problem !== true) {
    throw new ValidationError({ collection: collection?.slug, errors: [{ label: 'DOI', message: problem, path: path.join('.') }], req })
  }
  return value
}

/**
 * The article's DOI (optional): stored normalized (see doi.ts), unique
 * among articles. The admin UI's field has a button that fills in one made
 * from DOI_PREFIX (GET /api/articles/{id}/suggested-doi).
 */
export const doiField: TextField = {
  name: 'doi',
  type: 'text',
  admin: {
    components: { Field: '/admin/DoiField#DoiField' },
    description: 'Digital Object Identifier, e.g. 10.12345/pd.2018.001. Register it with Crossref (the deposit file is under "Crossref deposit") before readers rely on it.',
    position: 'sidebar',
  },
  hooks: { beforeChange: [checkDraftDoi], beforeValidate: [normalize] },
  index: true,
  label: 'DOI',
  validate: (value: null | string | undefined, { event, id, previousValue, req }) =>
    doiProblem(value, { checkUniqueness: event !== 'onChange' && value !== previousValue, id, req }),
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i

/**
 * The article's references (bibliography), in the order printed. The list
 * and each entry's DOI and link are the same in every language; the
 * citation text is per language, since a reference may be written out
 * differently for Chinese and English readers. It is required in English;
 * a language without its own text shows the English one.
 */
export const referencesField: ArrayField = {
  name: 'references',
  type: 'array',
  admin: {
    description: 'The works the article cites, in order. Shown on the article page and given to Google Scholar and Crossref.',
    initCollapsed: true,
  },
  fields: [
    {
      name: 'citation',
      type: 'textarea',
      admin: { description: 'The reference as printed, e.g. Nye, Joseph S. 2004. Soft Power. New York: PublicAffairs.' },
      localized: true,
      validate: (value: null | string | undefined, { req }) =>
        Boolean(value?.trim()) || (req.locale && req.locale !== DEFAULT_LOCALE) || 'Enter the reference as it is printed (in English; other languages show the English text until they have their own)',
    },
    {
      type: 'row',
      fields: [
        {
          name: 'doi',
          type: 'text',
          admin: { description: 'The cited work\'s DOI, if it has one.', width: '50%' },
          hooks: { beforeValidate: [normalize] },
          label: 'DOI',
          validate: (value: null | string | undefined) => !value || isValidDoi(value) || INVALID_DOI_MESSAGE,
        },
        {
          name: 'url',
          type: 'text',
          admin: { description: 'A link to the work, if it has no DOI or is read elsewhere.', width: '50%' },
          label: 'Link',
          validate: (value: null | string | undefined) => !value || HTTP_URL.test(value.trim()) || 'Enter a link starting with https:// or http://',
        },
      ],
    },
  ],
  label: 'References',
}

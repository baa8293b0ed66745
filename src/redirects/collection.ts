import { redirectsPlugin } from '@payloadcms/plugin-redirects'
import type { Field, FieldHook, GroupField, Plugin, TextFieldSingleValidation } from 'payload'

import { hiddenFromNonEditors } from '../access/hiddenFromNonEditors'
import { isEditor } from '../access/isEditor'
import { participation } from '../lib/collectionParticipation'
import { DEFAULT_LOCALE, localeOptions } from '../policy/languages'
import { REDIRECT_ORIGINS, REDIRECTS_SLUG } from './bookkeeping'
import { checkRedirect, flattenRedirectsLeadingHere } from './redirectHooks'
import { TARGET_COLLECTIONS } from './targets'
import { normalizeWebsitePath, PathProblem } from './websitePath'

/** The statuses a redirect answers with: permanent (301, the default) or temporary (302). */
export const REDIRECT_STATUSES = ['301', '302'] as const

/** Writes the path in its one spelling (src/redirects/websitePath.ts); what is not a path is left for `validate` to name. */
const normalizePath: FieldHook = ({ value }) => {
  try {
    return normalizeWebsitePath(value)
  } catch (error) {
    if (error instanceof PathProblem) return value
    throw error
  }
}

const validPath: TextFieldSingleValidation = (value) => {
  try {
    normalizeWebsitePath(value)
    return true
  } catch (error) {
    if (error instanceof PathProblem) return error.message
    throw error
  }
}

const isPathTarget = (_data: unknown, siblingData: { type?: string } | undefined) => siblingData?.type === 'custom'
const isDocumentTarget = (_data: unknown, siblingData: { type?: string } | undefined) => siblingData?.type === 'reference'

/** The plugin's fields, made to speak of website paths, with the language of a document target and where the redirect came from. */
function redirectFields({ defaultFields }: { defaultFields: Field[] }): Field[] {
  const fields = defaultFields.map((field): Field => {
    if (!('name' in field)) return field
    if (field.name === 'from' && field.type === 'text') {
      return {
        ...field,
        admin: {
          description:
            'The old address on the website, e.g. /en/articles/old-name or a whole URL of the old site (kept as its path; a query string or trailing slash makes no difference).',
        },
        hooks: { beforeValidate: [normalizePath] },
        label: 'From path',
        validate: validPath,
      } as Field
    }
    if (field.name === 'to' && field.type === 'group') {
      const group = field as GroupField
      const inner = group.fields.map((sub): Field => {
        if (!('name' in sub)) return sub
        if (sub.name === 'type' && sub.type === 'radio') {
          return {
            ...sub,
            label: 'Leads to',
            options: [
              { label: 'A page of the journal', value: 'reference' },
              { label: 'A path', value: 'custom' },
            ],
          }
        }
        if (sub.name === 'reference' && sub.type === 'relationship') {
          return {
            ...sub,
            admin: {
              ...sub.admin,
              condition: isDocumentTarget,
              description: 'The article, section or author: the redirect follows it when its address changes.',
            },
            label: 'Page',
          } as Field
        }
        if (sub.name === 'url' && sub.type === 'text') {
          return {
            ...sub,
            admin: { ...sub.admin, condition: isPathTarget, description: 'A path on the website, e.g. /en/articles/new-name.' },
            hooks: { beforeValidate: [normalizePath] },
            // Looked up when a page moves: the redirects leading to its old path follow it.
            index: true,
            label: 'Path',
            validate: validPath,
          } as Field
        }
        return sub
      })
      inner.push({
        name: 'locale',
        type: 'select',
        admin: { condition: isDocumentTarget, description: 'The language of the page the redirect leads to.' },
        defaultValue: DEFAULT_LOCALE,
        label: 'Language',
        options: localeOptions(),
        required: true,
      })
      return { ...group, fields: inner }
    }
    return field
  })
  fields.push({
    name: 'origin',
    type: 'select',
    admin: {
      description: 'Recorded by the CMS when a page moved (automatic), by the importer (import), or added by an editor (manual).',
      position: 'sidebar',
      readOnly: true,
    },
    defaultValue: 'manual',
    index: true,
    options: REDIRECT_ORIGINS.map((value) => ({ label: { automatic: 'Automatic', import: 'Import', manual: 'Manual' }[value], value })),
    required: true,
  })
  return fields
}

/**
 * The `redirects` collection, built on Payload's redirects plugin (its
 * from/to/type fields and admin labels), with the journal's rules: editors
 * and admins manage it, readers never read it directly (the website asks
 * GET /api/website/redirects), paths are stored in one spelling, and a save
 * never makes a chain or a loop (src/redirects/redirectHooks.ts). Every save
 * changes the content state, so cached answers of the website call follow.
 */
export function redirectsCollectionPlugin(): Plugin {
  return redirectsPlugin({
    collections: [...TARGET_COLLECTIONS],
    overrides: {
      access: { create: isEditor, delete: isEditor, read: isEditor, update: isEditor },
      admin: {
        defaultColumns: ['from', 'to.url', 'to.reference', 'type', 'origin', 'updatedAt'],
        description:
          'Old addresses of the website and where they lead now. The CMS records one by itself when a published page moves (a new slug, a section moved); add your own for addresses of the old site.',
        group: 'Content',
        hidden: hiddenFromNonEditors,
        listSearchableFields: ['from', 'to.url'],
        useAsTitle: 'from',
      },
      // Readers get the redirects through the website call: a save changes the content state.
      custom: participation({ readerContent: true }),
      defaultSort: 'from',
      fields: redirectFields,
      hooks: { afterChange: [flattenRedirectsLeadingHere], beforeChange: [checkRedirect] },
      labels: { plural: 'Redirects', singular: 'Redirect' },
      slug: REDIRECTS_SLUG,
    },
    redirectTypeFieldOverride: { defaultValue: '301', label: 'Status' },
    redirectTypes: [...REDIRECT_STATUSES],
  })
}

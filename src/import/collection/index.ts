import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { hiddenFromNonAdmins } from '../../access/hiddenFromNonAdmins'
import { isAdmin } from '../../access/isAdmin'
import { nobodyField } from '../../access/nobody'
import { checkPairs } from '../parsePairs'
import { uploadsDir } from '../../lib/projectPaths'
import { queueImport } from './hooks/queueImport'
import { refuseUnreadableUpload } from './hooks/refuseUnreadableUpload'
import { setImportedBy } from './hooks/setImportedBy'
import { participation } from '../../lib/collectionParticipation'

export const IMPORTS_SLUG = 'imports'

/** Written by the import job only: nobody sets them over REST or GraphQL. */
const setByTheJob = { create: nobodyField, update: nobodyField }

/**
 * Saved pages of the old site uploaded in the admin UI (one page, or a zip
 * of pages) and what importing them did. Saving an upload queues a
 * background job (src/import/importTask.ts) that imports the pages exactly
 * as `npm run import` does and writes its report here, so a large batch never
 * holds up the request. Admins only.
 */
export const Imports: CollectionConfig<'imports'> = {
  // Import runs are editors' records: nothing readers get shows them.
  custom: participation({ readerContent: false }),
  slug: IMPORTS_SLUG,
  access: {
    create: isAdmin,
    delete: isAdmin,
    read: isAdmin,
    update: isAdmin,
  },
  admin: {
    defaultColumns: ['filename', 'status', 'created', 'updated', 'failed', 'createdAt'],
    description:
      'Upload a page saved from the old site (text or HTML) or a zip of pages: its articles, authors, sections and directory entries are imported in the background. Reload to see the report.',
    group: 'Administration',
    hidden: hiddenFromNonAdmins,
    useAsTitle: 'filename',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'publish',
          type: 'checkbox',
          admin: { description: 'Publish what is imported. Otherwise articles are saved as drafts for an editor to check.' },
          defaultValue: false,
        },
        {
          name: 'dryRun',
          type: 'checkbox',
          admin: { description: 'Only report what would be created or changed; write nothing.' },
          defaultValue: false,
          label: 'Dry run',
        },
      ],
    },
    {
      name: 'pairs',
      type: 'textarea',
      admin: {
        description:
          'English and Chinese pages of the same article, one pair a line: "alliance-en.html = alliance-zh.html" (names of files in the zip).',
      },
      validate: (value: null | string | undefined) => checkPairs(value ?? ''),
    },
    {
      name: 'status',
      type: 'select',
      access: setByTheJob,
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: 'queued',
      index: true,
      options: [
        { label: 'Queued', value: 'queued' },
        { label: 'Running', value: 'running' },
        { label: 'Done', value: 'done' },
        { label: 'Failed', value: 'failed' },
      ],
    },
    {
      type: 'row',
      fields: ['pages', 'created', 'updated', 'unchanged', 'failed'].map((name) => ({
        name,
        type: 'number' as const,
        access: setByTheJob,
        admin: { readOnly: true },
      })),
    },
    {
      name: 'error',
      type: 'textarea',
      access: setByTheJob,
      admin: { condition: (data) => Boolean(data?.error), description: 'Why the upload could not be imported at all.', readOnly: true },
    },
    {
      name: 'report',
      type: 'json',
      access: setByTheJob,
      admin: { description: 'Every page with what was done, and the directory entries created or updated.', readOnly: true },
    },
    {
      name: 'importedBy',
      type: 'relationship',
      access: setByTheJob,
      admin: { position: 'sidebar', readOnly: true },
      relationTo: 'users',
    },
    { name: 'startedAt', type: 'date', access: setByTheJob, admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true } },
    { name: 'finishedAt', type: 'date', access: setByTheJob, admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true } },
  ],
  hooks: {
    afterChange: [queueImport],
    beforeChange: [setImportedBy],
    beforeOperation: [refuseUnreadableUpload],
  },
  upload: {
    mimeTypes: ['text/plain', 'text/html', 'application/zip', 'application/x-zip-compressed'],
    // Saved pages carry the old site's scripts: never let a browser run them from the CMS's origin.
    modifyResponseHeaders: ({ headers }) => {
      headers.set('Content-Disposition', 'attachment')
      headers.set('Content-Security-Policy', "sandbox; default-src 'none'")
      headers.set('X-Content-Type-Options', 'nosniff')
      return headers
    },
    staticDir: path.join(uploadsDir(), 'imports'),
  },
}

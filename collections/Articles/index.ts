import type { CollectionConfig } from 'payload'

import { hiddenFromNonWriters } from '../../src/access/hiddenFromNonWriters'
import { isStaff } from '../../src/access/isStaff'
import {
  canCreateArticles,
  canDeleteArticles,
  canReadArticleVersions,
  canUpdateArticles,
} from '../../src/access/ownArticles'
import { reviewCommentsReaders } from '../../src/access/reviewCommentsReaders'
import { publishedOrPreview } from '../../src/access/publishedOrPreview'
import { articleLanguageFields } from '../../src/fields/articleLanguage'
import { articleBodyEditor } from '../../src/fields/articleBodyEditor'
import { slugField } from '../../src/fields/slug'
import { leaveOutUnreadableArrays } from '../../src/hooks/leaveOutUnreadableArrays'
import { localeOptions } from '../../src/policy/languages'
import { NOT_BLANK } from './jobs/removeBlankDrafts'
import { articleScheduleEndpoint } from './endpoints/scheduleEndpoint'
import { scheduleOpenApi } from './endpoints/scheduleOpenApi'
import { computeReadingStats } from './hooks/computeReadingStats'
import { enforceWorkflow, WORKFLOW_STATUSES } from './hooks/enforceWorkflow'
import { markBlankDraft } from './hooks/markBlankDraft'
import { queryReleasedLanguagesOnly } from './hooks/queryReleasedLanguagesOnly'
import { readPublishedVersionsOnly } from './hooks/readPublishedVersionsOnly'
import { selectReleaseFields } from './hooks/selectReleaseFields'
import { setAvailableLocales } from './hooks/setAvailableLocales'
import { setCreatedBy } from './hooks/setCreatedBy'
import { setPublishedAt } from './hooks/setPublishedAt'
import { withholdUnreleasedLanguages } from './hooks/withholdUnreleasedLanguages'
import { workflowStatusOnRead } from './hooks/workflowStatusOnRead'

export const ARTICLES_SLUG = 'articles'

export const Articles: CollectionConfig<'articles'> = {
  slug: ARTICLES_SLUG,
  access: {
    create: canCreateArticles,
    delete: canDeleteArticles,
    read: publishedOrPreview,
    readVersions: canReadArticleVersions,
    update: canUpdateArticles,
  },
  admin: {
    // Drafts made by "Create New" and never written in are not listed (hooks/markBlankDraft.ts).
    baseFilter: () => NOT_BLANK,
    components: { edit: { beforeDocumentControls: ['/admin/WritingLanguage#WritingLanguage'] } },
    defaultColumns: ['title', 'section', 'workflowStatus', 'missingLocales', 'createdBy', 'publishedAt'],
    group: 'Content',
    hidden: hiddenFromNonWriters,
    listSearchableFields: ['title', 'slug', 'subtitle'],
    useAsTitle: 'title',
  },
  defaultPopulate: {
    availableLocales: true,
    publishedAt: true,
    slug: true,
    title: true,
  },
  defaultSort: '-publishedAt',
  custom: {
    // The schedule call's part of the OpenAPI document (src/openapi/parts.ts).
    openApi: scheduleOpenApi,
  },
  // Discovery adds the scholarly metadata and citation calls (src/discovery/plugin.ts).
  endpoints: [articleScheduleEndpoint],
  fields: [
    { name: 'title', type: 'text', localized: true, required: true },
    { name: 'subtitle', type: 'text', localized: true },
    slugField(),
    {
      name: 'section',
      type: 'relationship',
      admin: { position: 'sidebar' },
      index: true,
      relationTo: 'sections',
      required: true,
    },
    {
      name: 'authors',
      type: 'relationship',
      admin: { description: 'In byline order.', isSortable: true },
      hasMany: true,
      index: true,
      minRows: 1,
      relationTo: 'authors',
      required: true,
    },
    {
      name: 'lead',
      type: 'textarea',
      admin: { description: 'The opening paragraph shown in lists and feeds.' },
      localized: true,
    },
    { name: 'body', type: 'richText', editor: articleBodyEditor, localized: true },
    {
      name: 'authorNote',
      type: 'textarea',
      admin: { description: 'e.g. "The author is Director of …. This article was received on May 15, 2018."' },
      localized: true,
    },
    {
      name: 'keywords',
      type: 'text',
      hasMany: true,
      localized: true,
    },
    { name: 'featuredImage', type: 'upload', relationTo: 'media' },
    {
      name: 'issue',
      type: 'group',
      admin: { description: 'The printed journal issue the article appeared in, if any.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'volume', type: 'number', min: 1 },
            { name: 'number', type: 'number', min: 1 },
            { name: 'year', type: 'number', max: 2100, min: 1900 },
          ],
        },
      ],
    },
    {
      name: 'receivedAt',
      type: 'date',
      admin: { date: { displayFormat: 'd MMM yyyy', pickerAppearance: 'dayOnly' }, position: 'sidebar' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      admin: { description: 'Set on first publication.', position: 'sidebar' },
      index: true,
    },
    {
      name: 'availableLocales',
      type: 'select',
      hooks: { beforeChange: [setAvailableLocales] },
      admin: {
        description: 'Languages readers get: complete (title, lead and body) and not withheld.',
        position: 'sidebar',
        readOnly: true,
      },
      hasMany: true,
      options: localeOptions(),
    },
    {
      name: 'withheldLocales',
      type: 'select',
      access: { read: isStaff },
      admin: {
        description:
          'Languages readers must not see yet, e.g. a translation in progress. Readers of a withheld language get the other one.',
        position: 'sidebar',
      },
      hasMany: true,
      label: 'Withheld from readers',
      options: localeOptions(),
    },
    {
      name: 'missingLocales',
      type: 'select',
      admin: {
        description: 'Languages readers do not get yet: not complete, or withheld.',
        position: 'sidebar',
        readOnly: true,
      },
      hasMany: true,
      index: true,
      options: localeOptions(),
    },
    ...articleLanguageFields(),
    {
      name: 'workflowStatus',
      type: 'select',
      admin: {
        description:
          'Review state. Contributors submit drafts ("In review"); editors publish them or send them back ("Changes requested") with a review comment.',
        position: 'sidebar',
      },
      hooks: { afterRead: [workflowStatusOnRead] },
      index: true,
      options: WORKFLOW_STATUSES.map((value) => ({
        label: { 'changes-requested': 'Changes requested', draft: 'Draft', 'in-review': 'In review', published: 'Published', scheduled: 'Scheduled' }[value],
        value,
      })),
    },
    {
      name: 'reviewComments',
      type: 'array',
      access: { read: reviewCommentsReaders },
      admin: { description: 'Notes from editors to the contributor. Never shown to readers.' },
      fields: [
        { name: 'text', type: 'textarea', required: true },
        { name: 'author', type: 'relationship', admin: { readOnly: true }, relationTo: 'users' },
        { name: 'date', type: 'date', admin: { readOnly: true } },
      ],
    },
    {
      name: 'createdBy',
      type: 'relationship',
      access: { read: isStaff },
      admin: { description: 'Who created the article (set automatically).', position: 'sidebar', readOnly: true },
      index: true,
      relationTo: 'users',
    },
    {
      name: 'wordCount',
      type: 'number',
      admin: { position: 'sidebar', readOnly: true },
      localized: true,
    },
    {
      name: 'readingTime',
      type: 'number',
      admin: { description: 'Minutes.', position: 'sidebar', readOnly: true },
      localized: true,
    },
    {
      // Set by hooks/markBlankDraft.ts on every save, whatever a client sends.
      name: 'blankDraft',
      type: 'checkbox',
      access: { read: isStaff },
      admin: { hidden: true },
      defaultValue: false,
    },
    // The importer adds `legacySource` last (src/import/plugin.ts).
  ],
  hooks: {
    // Review comments stay out of readers' answers altogether, not as an empty list.
    afterRead: [leaveOutUnreadableArrays],
    beforeChange: [markBlankDraft, setCreatedBy, enforceWorkflow, setPublishedAt, computeReadingStats],
    beforeOperation: [readPublishedVersionsOnly, selectReleaseFields, queryReleasedLanguagesOnly],
    beforeRead: [withholdUnreleasedLanguages],
  },
  indexes: [{ fields: ['section', 'publishedAt'] }, { fields: ['_status', 'publishedAt'] }],
  versions: {
    drafts: { autosave: { interval: 2000 }, schedulePublish: true },
    // maxPerDoc: VERSIONS_MAX_PER_DOC, and who saved each version (src/history/plugin.ts).
  },
}

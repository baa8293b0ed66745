import path from 'node:path'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { nestedDocsPlugin } from '@payloadcms/plugin-nested-docs'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type Config } from 'payload'
import sharp from 'sharp'

import { Articles } from '../collections/Articles'
import { Authors } from '../collections/Authors'
import { Contacts } from '../collections/Contacts'
import { Media } from '../collections/Media'
import { Sections } from '../collections/Sections'
import { Users } from '../collections/Users'
import { Site } from '../globals/Site'
import { migrations } from '../migrations'
import { restrictDocumentLocks } from './access/documentLocks'
import { keepWebsiteAccountReadOnly } from './access/readOnlyWebsiteAccount'
import { deliveryPlugin } from './delivery/plugin'
import { discoveryPlugin } from './discovery/plugin'
import { graphqlValidationRules } from './graphql/validationRules'
import { historyPlugin } from './history/plugin'
import { databaseUnavailable } from './hooks/databaseUnavailable'
import { checkDocumentVersionsEverywhere } from './hooks/documentVersionChecks'
import { refuseForbiddenFieldWritesEverywhere } from './hooks/forbiddenFieldWrites'
import { inputTooDeep } from './hooks/inputTooDeep'
import { malformedValues } from './hooks/malformedValues'
import { DEFAULT_DEPTH, limitReadQueriesEverywhere, MAX_DEPTH } from './hooks/limitReadQueries'
import { jobsConfig, restrictJobStats, scheduleOnceEverywhere } from './jobs/config'
import { CLIENT_ERROR_NAME } from './http/clientError'
import { contentStatePlugin } from './contentState/plugin'
import { databaseAdapterOptions } from './database/adapterOptions'
import { reportingDatabaseOutages } from './database/outages'
import { claimingJobsOnce } from './database/jobClaims'
import { readGraphqlLimits, readJobsEnvironment, readMigrateOnStart, readUploadLimits } from './settings/environment'
import { logger } from './lib/logger'
import { migrationsDir, projectRoot } from './lib/projectPaths'
import { storedDocumentReadsPlugin } from './database/storedDocument'
import { importPlugin } from './import/plugin'
import { notesPlugin } from './notes/plugin'
import { openApiEndpoint } from './openapi/document'
import { localizationConfig } from './policy/languages'
import { previewPlugin } from './preview/plugin'
import { redirectsPlugin } from './redirects/plugin'
import { searchPlugin } from './search/plugin'
import { seoPlugin } from './seo/plugin'
import { storagePlugin } from './storage/plugin'
import { webhooksPlugin } from './webhooks/plugin'

/**
 * The settings below come from the environment, validated by the server (or
 * script) that starts Payload: see src/settings/environment.ts and .env.example.
 */
const serverURL = process.env.SERVER_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
const corsOrigins = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim().replace(/\/$/, ''))
  .filter(Boolean)
const graphqlLimits = readGraphqlLimits(process.env)
const uploadLimits = readUploadLimits(process.env)

export default buildConfig({
  admin: {
    // No Gravatar: the admin UI makes no requests to third parties.
    avatar: 'default',
    components: {
      // The editors' desk (drafts, review, scheduled, missing translations); contacts staff go to the directory.
      beforeDashboard: ['/admin/EditorialDashboard#EditorialDashboard'],
    },
    importMap: {
      baseDir: path.resolve(projectRoot, 'src'),
    },
    meta: {
      titleSuffix: ' · Journal CMS',
    },
    user: Users.slug,
  },
  // The journal's own collections; each capability's plugin adds its own (below).
  collections: [Articles, Authors, Sections, Media, Contacts, Users],
  cors: corsOrigins,
  csrf: [serverURL, ...corsOrigins],
  // Inside an API request, an unreachable database is noted whoever catches the error (src/database/outages.ts).
  db: reportingDatabaseOutages(
    // Each job is claimed by one process, on however many servers (src/database/jobClaims.ts).
    claimingJobsOnce(
      mongooseAdapter({
        migrationDir: migrationsDir,
        // Pending migrations run when the production server starts, unless MIGRATE_ON_START=false
        // (several instances: `node dist/migrate.js` once before they start); `npm run migrate` by hand.
        prodMigrations: readMigrateOnStart() ? migrations : undefined,
        url: process.env.DATABASE_URI || false,
        ...databaseAdapterOptions(),
      }),
      { staleAfterMs: readJobsEnvironment().staleAfterSeconds * 1000 },
    ),
  ),
  // Relationship levels filled in when a read does not say; reads asking for more than
  // MAX_DEPTH are refused (src/hooks/limitReadQueries.ts), the server's own calls capped.
  defaultDepth: DEFAULT_DEPTH,
  editor: lexicalEditor(),
  // GET /api/openapi.json, put together from the parts the plugins and collections add (src/openapi/).
  endpoints: [openApiEndpoint],
  globals: [Site],
  hooks: {
    // The database away: 503 with Retry-After; values the database cannot compare, input nested too deep: 404/400. Never a 500.
    afterError: [databaseUnavailable, malformedValues, inputTooDeep],
  },
  graphQL: {
    // Introspection follows GRAPHQL_INTROSPECTION (src/graphql/validationRules.ts), in production too.
    disableIntrospectionInProduction: false,
    // Payload's own estimate, which never exceeds ours (src/graphql/queryCost.ts): a backstop.
    maxComplexity: graphqlLimits.maxComplexity,
    validationRules: graphqlValidationRules(graphqlLimits),
  },
  jobs: jobsConfig,
  // The journal's languages (src/policy/languages.ts).
  localization: localizationConfig(),
  logger,
  // A client's mistake answered with a 4xx (src/http/clientError.ts) is logged like Payload's own
  // refusals: info, without a stack trace. Payload types these keys by its own error names.
  loggingLevels: { [CLIENT_ERROR_NAME]: 'info' } as Config['loggingLevels'],
  maxDepth: MAX_DEPTH,
  plugins: [
    nestedDocsPlugin({
      collections: ['sections'],
      generateLabel: (_docs, doc) => String(doc.title ?? ''),
      generateURL: (docs) => docs.reduce((url, doc) => `${url}/${String(doc.slug ?? '')}`, ''),
    }),
    // Each capability is one plugin: its collections, hooks, endpoints, GraphQL queries, jobs and
    // its part of the OpenAPI document. The order is the order their hooks run in.
    // Search and sharing: the `meta` group of articles, sections, authors and the site (before the importer's last field).
    seoPlugin(),
    importPlugin(),
    // Media and imported pages in S3-compatible object storage when S3_BUCKET is set; the uploads folder otherwise.
    // Early: a file is in the bucket before the hooks after it announce the document.
    storagePlugin(),
    // Footnotes in the article body, numbered on every read (src/notes/).
    notesPlugin(),
    deliveryPlugin(),
    webhooksPlugin(),
    searchPlugin(),
    discoveryPlugin(),
    // Old paths and where they lead: recorded when a published page moves, GET /api/website/redirects.
    redirectsPlugin(),
    // The admin UI's Preview button and live preview pane, when WEBSITE_URL is set; GET /api/preview.
    previewPlugin(),
    // Versions of every collection and global that keeps them: bounded, with who saved each (docs/history.md).
    historyPlugin(),
    // Last: after the hooks that write what is derived from a document (src/contentState/contentState.ts).
    contentStatePlugin(),
    // After every plugin that adds hooks: its own goes first (src/database/storedDocument.ts).
    storedDocumentReadsPlugin(),
  ],
  secret: process.env.PAYLOAD_SECRET ?? '',
  serverURL,
  sharp,
  telemetry: false,
  // Reading an uploaded file stops at UPLOAD_MAX_FILE_SIZE_MB with a 413 (docs/security.md, "Uploads").
  upload: {
    abortOnLimit: true,
    limits: { fileSize: uploadLimits.maxFileBytes },
    responseOnLimit: `The file is larger than the limit of ${uploadLimits.maxFileBytes / 1024 / 1024} MB`,
  },
  typescript: {
    outputFile: path.resolve(projectRoot, 'src', 'payload-types.ts'),
  },
})
  // After Payload has added its own collections (preferences, locked documents, migrations, jobs),
  // so that these apply to them too.
  .then((config) => scheduleOnceEverywhere(restrictJobStats(keepWebsiteAccountReadOnly(restrictDocumentLocks(checkDocumentVersionsEverywhere(refuseForbiddenFieldWritesEverywhere(limitReadQueriesEverywhere(config))))))))

import path from 'node:path'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { nestedDocsPlugin } from '@payloadcms/plugin-nested-docs'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type Config } from 'payload'
import sharp from 'sharp'

import { Articles } from '../collections/Articles'
import { Authors } from '../collections/Authors'
import { Contacts } from '../collections/Contacts'
import { Imports } from '../collections/Imports'
import { Media } from '../collections/Media'
import { Sections } from '../collections/Sections'
import { Users } from '../collections/Users'
import { Site } from '../globals/Site'
import { migrations } from '../migrations'
import { restrictDocumentLocks } from './access/documentLocks'
import { keepWebsiteAccountReadOnly } from './access/readOnlyWebsiteAccount'
import { sectionShelvesPlugin } from './delivery/shelves/plugin'
import { websiteEndpoints } from './delivery/websiteEndpoints'
import { discoveryEndpoints } from './discovery/endpoints'
import { oaiPlugin } from './discovery/oai/plugin'
import { websiteGraphqlQueries } from './delivery/websiteGraphqlQueries'
import { graphqlValidationRules } from './graphql/validationRules'
import { databaseUnavailable } from './hooks/databaseUnavailable'
import { checkDocumentVersionsEverywhere } from './hooks/documentVersionChecks'
import { refuseForbiddenFieldWritesEverywhere } from './hooks/forbiddenFieldWrites'
import { inputTooDeep } from './hooks/inputTooDeep'
import { malformedValues } from './hooks/malformedValues'
import { DEFAULT_DEPTH, limitReadQueriesEverywhere, MAX_DEPTH } from './hooks/limitReadQueries'
import { jobsConfig, restrictJobStats } from './jobs/config'
import { CLIENT_ERROR_NAME } from './lib/clientError'
import { contentStatePlugin } from './lib/contentStatePlugin'
import { databaseAdapterOptions } from './lib/databaseAdapterOptions'
import { reportingDatabaseOutages } from './lib/databaseOutages'
import { readGraphqlLimits, readUploadLimits } from './lib/environment'
import { logger } from './lib/logger'
import { migrationsDir, projectRoot } from './lib/projectPaths'
import { storedDocumentReadsPlugin } from './lib/storedDocument'
import { previewEndpoint } from './preview/endpoint'
import { previewPlugin } from './preview/plugin'
import { searchGraphqlQueries } from './search/graphqlQueries'
import { searchPlugin } from './search/plugin'
import { webhooksPlugin } from './webhooks/plugin'

/**
 * The settings below come from the environment, validated by the server (or
 * script) that starts Payload: see src/lib/environment.ts and .env.example.
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
  collections: [Articles, Authors, Sections, Media, Contacts, Users, Imports],
  cors: corsOrigins,
  csrf: [serverURL, ...corsOrigins],
  // Inside an API request, an unreachable database is noted whoever catches the error (src/lib/databaseOutages.ts).
  db: reportingDatabaseOutages(
    mongooseAdapter({
      migrationDir: migrationsDir,
      // Pending migrations run when the production server starts; `npm run migrate` runs them by hand.
      prodMigrations: migrations,
      url: process.env.DATABASE_URI || false,
      ...databaseAdapterOptions(),
    }),
  ),
  // Relationship levels filled in when a read does not say; reads asking for more than
  // MAX_DEPTH are refused (src/hooks/limitReadQueries.ts), the server's own calls capped.
  defaultDepth: DEFAULT_DEPTH,
  editor: lexicalEditor(),
  endpoints: [...websiteEndpoints, ...discoveryEndpoints, previewEndpoint()],
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
    queries: (GraphQL, payload) => ({ ...websiteGraphqlQueries(GraphQL, payload), ...searchGraphqlQueries(GraphQL, payload) }),
    validationRules: graphqlValidationRules(graphqlLimits),
  },
  jobs: jobsConfig,
  localization: {
    defaultLocale: 'en',
    fallback: true,
    locales: [
      { code: 'en', label: 'English' },
      { code: 'zh', fallbackLocale: 'en', label: '中文' },
    ],
  },
  logger,
  // A client's mistake answered with a 4xx (src/lib/clientError.ts) is logged like Payload's own
  // refusals: info, without a stack trace. Payload types these keys by its own error names.
  loggingLevels: { [CLIENT_ERROR_NAME]: 'info' } as Config['loggingLevels'],
  maxDepth: MAX_DEPTH,
  plugins: [
    nestedDocsPlugin({
      collections: ['sections'],
      generateLabel: (_docs, doc) => String(doc.title ?? ''),
      generateURL: (docs) => docs.reduce((url, doc) => `${url}/${String(doc.slug ?? '')}`, ''),
    }),
    webhooksPlugin(),
    searchPlugin(),
    oaiPlugin(),
    // The home page's newest articles of every section (src/delivery/shelves/).
    sectionShelvesPlugin(),
    // The admin UI's Preview button and live preview pane, when WEBSITE_URL is set.
    previewPlugin(),
    // Last: after the hooks that write what is derived from a document (src/lib/contentState.ts).
    contentStatePlugin(),
    // After every plugin that adds hooks: its own goes first (src/lib/storedDocument.ts).
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
  .then((config) => restrictJobStats(keepWebsiteAccountReadOnly(restrictDocumentLocks(checkDocumentVersionsEverywhere(refuseForbiddenFieldWritesEverywhere(limitReadQueriesEverywhere(config)))))))

import path from 'node:path'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Media } from '../collections/Media'
import { Users } from '../collections/Users'
import { migrations } from '../migrations'
import { databaseAdapterOptions } from './lib/databaseAdapterOptions'
import { logger } from './lib/logger'
import { migrationsDir, projectRoot } from './lib/projectPaths'

/**
 * The settings below come from the environment, validated by the server (or
 * script) that starts Payload: see src/lib/environment.ts and .env.example.
 */
const serverURL = process.env.SERVER_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
const corsOrigins = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim().replace(/\/$/, ''))
  .filter(Boolean)

export default buildConfig({
  admin: {
    // No Gravatar: the admin UI makes no requests to third parties.
    avatar: 'default',
    importMap: {
      baseDir: path.resolve(projectRoot, 'src'),
    },
    meta: {
      titleSuffix: ' · Journal CMS',
    },
    user: Users.slug,
  },
  collections: [Users, Media],
  cors: corsOrigins,
  csrf: [serverURL, ...corsOrigins],
  db: mongooseAdapter({
    migrationDir: migrationsDir,
    // Pending migrations run when the production server starts; `npm run migrate` runs them by hand.
    prodMigrations: migrations,
    url: process.env.DATABASE_URI || false,
    ...databaseAdapterOptions(),
  }),
  editor: lexicalEditor(),
  logger,
  secret: process.env.PAYLOAD_SECRET ?? '',
  serverURL,
  sharp,
  telemetry: false,
  typescript: {
    outputFile: path.resolve(projectRoot, 'src', 'payload-types.ts'),
  },
})

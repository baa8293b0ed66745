import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Express compresses every response (src/server.ts); Next must not do it twice.
  compress: false,
  poweredByHeader: false,
  // src/server.ts starts Payload from node_modules before Next, and Next's routes use that same
  // instance. Bundled into Next's chunks, Payload would be a second copy of its own code in the
  // process, whose error classes the first copy's errors are not instances of: the REST answer to a
  // refused save then lost the field errors the admin UI shows at each field. One copy, as in development.
  serverExternalPackages: ['payload'],
  // `npm run typecheck` checks the whole project (CI runs it before the build); checking again here
  // would only double the build time.
  typescript: { ignoreBuildErrors: true },
  webpack: (webpackConfig) => {
    // Sources import each other without extensions or with .js; resolve both to .ts/.tsx.
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })

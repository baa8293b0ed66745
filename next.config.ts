import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Express compresses every response (src/server.ts); Next must not do it twice.
  compress: false,
  poweredByHeader: false,
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

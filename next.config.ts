import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Express compresses every response (src/server.ts); Next must not do it twice.
  compress: false,
  poweredByHeader: false,
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

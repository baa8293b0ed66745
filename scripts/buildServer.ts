/**
 * Compiles the Express server (src/server.ts, with the Payload config and
 * collections it imports) into one ES module, dist/server.js. npm packages stay
 * external and are loaded from node_modules at run time.
 */
import { build } from 'esbuild'
import path from 'node:path'

import { projectRoot } from '../src/lib/projectPaths'

await build({
  bundle: true,
  entryPoints: [path.join(projectRoot, 'src', 'server.ts')],
  format: 'esm',
  logLevel: 'warning',
  outfile: path.join(projectRoot, 'dist', 'server.js'),
  packages: 'external',
  platform: 'node',
  sourcemap: true,
  target: 'node20',
})

/**
 * Compiles the Express server (src/server.ts, with the Payload config and
 * collections it imports) into one ES module, dist/server.js, and the backup,
 * restore and migrate commands into dist/backup.js, dist/restore.js and
 * dist/migrate.js (the image has no TypeScript sources: `node dist/backup.js`
 * there). npm packages stay
 * external and are loaded from node_modules at run time.
 */
import { build, type BuildOptions } from 'esbuild'
import path from 'node:path'

import { projectRoot } from '../src/lib/projectPaths'

const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  logLevel: 'warning',
  packages: 'external',
  platform: 'node',
  sourcemap: true,
  target: 'node20',
}

await build({
  ...common,
  entryPoints: [path.join(projectRoot, 'src', 'server.ts')],
  outfile: path.join(projectRoot, 'dist', 'server.js'),
})

await build({
  ...common,
  entryPoints: {
    backup: path.join(projectRoot, 'scripts', 'backup.ts'),
    migrate: path.join(projectRoot, 'scripts', 'migrate.ts'),
    restore: path.join(projectRoot, 'scripts', 'restore.ts'),
  },
  outdir: path.join(projectRoot, 'dist'),
})

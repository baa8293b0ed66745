/**
 * Builds the FerretDB binary that the embedded database falls back to when no
 * mongod can be had (into .data/bin/, once). CI runs it up front so the first
 * test does not wait for the build.
 */
import { ensureFerretdbBinary } from '../src/lib/ferretdb'
import { logger } from '../src/lib/logger'

const binary = ensureFerretdbBinary(logger)
logger.info(`FerretDB is ready: ${binary}`)

/**
 * `npm run db:install`: prepares mongo-java-server, the embedded database
 * where no mongod can be had (jars through Maven, the launcher compiled
 * once, into .data/tools/). The first start does the same by itself; CI runs
 * it up front so its time shows as a step of its own.
 */
import { ensureJavaMongoServer, javaMongoServerVersion } from '../src/database/javaMongoServer'
import { logger } from '../src/lib/logger'

const startedAt = Date.now()
const buildDir = ensureJavaMongoServer(logger)
logger.info(`mongo-java-server ${javaMongoServerVersion()} is ready in ${buildDir} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`)

/**
 * `npm run db:install`: prepares the servers the CMS starts by itself on one
 * machine: mongo-java-server, the embedded database where no mongod can be
 * had, and S3Proxy, the S3-compatible object storage of the tests and of
 * local trials (jars through Maven, each launcher compiled once, into
 * .data/tools/). The first start of either does the same by itself; CI runs
 * it up front so its time shows as a step of its own.
 */
import { ensureJavaMongoServer, javaMongoServerVersion } from '../src/database/javaMongoServer'
import { logger } from '../src/lib/logger'
import { ensureS3Proxy, s3ProxyVersion } from '../src/storage/s3Proxy'

let startedAt = Date.now()
const buildDir = ensureJavaMongoServer(logger)
logger.info(`mongo-java-server ${javaMongoServerVersion()} is ready in ${buildDir} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`)
startedAt = Date.now()
const s3ProxyDir = ensureS3Proxy(logger)
logger.info(`S3Proxy ${s3ProxyVersion()} is ready in ${s3ProxyDir} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`)

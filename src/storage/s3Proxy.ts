import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import { findFreePort, waitForPort } from '../database/findFreePort'
import { killOnExit } from '../database/killOnExit'
import { projectRoot, toolsDir } from '../lib/projectPaths'

/**
 * S3Proxy (https://github.com/gaul/s3proxy, Apache-2.0): a real
 * S3-compatible server, for the tests and for trying object storage on one
 * machine. A separate Java process on a loopback port, with jclouds'
 * in-memory backend (`transient`: the tests) or its filesystem backend (one
 * folder per bucket: local trials). Prepared like mongo-java-server: the
 * jars through Maven, the project's small launcher (tools/s3proxy/) compiled
 * once, into .data/tools/.
 */

const sourceDir = path.join(projectRoot, 'tools', 's3proxy')
const SOURCES = ['pom.xml', path.join('src', 'LocalS3Proxy.java')]
const MAIN_CLASS = 'LocalS3Proxy'
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1'

export function s3ProxyBuildDir(): string {
  const hash = createHash('sha256')
  for (const file of SOURCES) hash.update(fs.readFileSync(path.join(sourceDir, file)))
  return path.join(toolsDir(), 's3proxy', hash.digest('hex').slice(0, 12))
}

/** The S3Proxy version the pom pins, for messages. */
export function s3ProxyVersion(): string {
  const pom = fs.readFileSync(path.join(sourceDir, 'pom.xml'), 'utf8')
  return /<artifactId>s3proxy<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1] ?? 'unknown'
}

function run(logger: Logger, label: string, command: string, args: string[]): void {
  const startedAt = Date.now()
  const result = spawnSync(command, args, { cwd: sourceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
    const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    throw new Error(
      missing
        ? `S3Proxy needs ${command} (Java 17+ with a JDK, and Maven; Debian: apt-get install openjdk-17-jdk-headless maven)`
        : `${label} failed (${command} exited with ${result.status}):\n${output}`,
    )
  }
  logger.info(`  ${label}: done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
}

/** Resolves the jars and compiles the launcher, once per version of its sources; built in a temporary folder and moved into place. */
export function ensureS3Proxy(logger: Logger): string {
  const buildDir = s3ProxyBuildDir()
  if (fs.existsSync(path.join(buildDir, 'classes', `${MAIN_CLASS}.class`))) return buildDir
  logger.info(`Preparing S3Proxy ${s3ProxyVersion()} (once): Maven fetches about 45 MB of jars into ~/.m2, then javac compiles the launcher`)
  const staging = `${buildDir}.${process.pid}.tmp`
  fs.rmSync(staging, { force: true, recursive: true })
  fs.mkdirSync(staging, { recursive: true })
  try {
    run(logger, 'resolving the jars', 'mvn', ['-B', '-q', '-f', path.join(sourceDir, 'pom.xml'), `${DEPENDENCY_PLUGIN}:copy-dependencies`, '-DincludeScope=runtime', `-DoutputDirectory=${path.join(staging, 'lib')}`])
    run(logger, 'compiling the launcher', 'javac', ['--release', '17', '-cp', path.join(staging, 'lib', '*'), '-d', path.join(staging, 'classes'), path.join(sourceDir, 'src', `${MAIN_CLASS}.java`)])
    fs.rmSync(buildDir, { force: true, recursive: true })
    fs.renameSync(staging, buildDir)
  } catch (error) {
    fs.rmSync(staging, { force: true, recursive: true })
    if (fs.existsSync(path.join(buildDir, 'classes', `${MAIN_CLASS}.class`))) return buildDir // another process finished first
    throw error
  }
  return buildDir
}

export type S3ProxyOptions = {
  /** `transient`: everything in memory, gone when it stops; `filesystem`: one folder per bucket under dataDir. */
  backend: 'filesystem' | 'transient'
  /** Its properties, its log and (filesystem) its buckets. */
  dataDir: string
  logger: Logger
  port?: number
  /** The key clients sign with; generated when not given. */
  accessKeyId?: string
  secretAccessKey?: string
}

export type RunningS3Proxy = {
  accessKeyId: string
  /** http://127.0.0.1:<port> */
  endpoint: string
  pid: () => number | undefined
  port: number
  secretAccessKey: string
  stop(): Promise<void>
}

/** Starts S3Proxy as a child process of this one; it exits when this process does, however it ends. */
export async function startS3Proxy(options: S3ProxyOptions): Promise<RunningS3Proxy> {
  const buildDir = ensureS3Proxy(options.logger)
  const port = options.port ?? (await findFreePort())
  const accessKeyId = options.accessKeyId ?? `local-${randomBytes(6).toString('hex')}`
  const secretAccessKey = options.secretAccessKey ?? randomBytes(24).toString('hex')
  const endpoint = `http://127.0.0.1:${port}`
  fs.mkdirSync(options.dataDir, { recursive: true })
  const properties = [
    `s3proxy.endpoint=${endpoint}`,
    's3proxy.authorization=aws-v2-or-v4',
    `s3proxy.identity=${accessKeyId}`,
    `s3proxy.credential=${secretAccessKey}`,
    `jclouds.provider=${options.backend}`,
    'jclouds.identity=local',
    'jclouds.credential=local',
    ...(options.backend === 'filesystem' ? [`jclouds.filesystem.basedir=${path.join(options.dataDir, 'buckets')}`] : []),
  ]
  const propertiesFile = path.join(options.dataDir, 's3proxy.properties')
  // It holds the secret: readable by its owner only.
  fs.writeFileSync(propertiesFile, `${properties.join('\n')}\n`, { mode: 0o600 })
  fs.chmodSync(propertiesFile, 0o600)

  const logFile = path.join(options.dataDir, 's3proxy.log')
  const log = fs.openSync(logFile, 'a')
  const args = ['-XX:+ExitOnOutOfMemoryError', '-DLOG_LEVEL=warn', '-cp', `${path.join(buildDir, 'lib', '*')}${path.delimiter}${path.join(buildDir, 'classes')}`, MAIN_CLASS, '--properties', propertiesFile]
  // Standard input stays open as long as this process lives: its end tells the launcher to exit.
  const child: ChildProcess = spawn('java', args, { stdio: ['pipe', log, log] })
  fs.closeSync(log)
  killOnExit(child)
  const lastLines = () => fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n')
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`S3Proxy could not be started: ${error.message}`)))
    child.once('exit', (code) => reject(new Error(`S3Proxy exited with code ${code} while starting: ${lastLines()}`)))
  })
  failed.catch(() => undefined)
  try {
    await Promise.race([waitForPort(port, 60_000), failed])
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }

  return {
    accessKeyId,
    endpoint,
    pid: () => child.pid,
    port,
    secretAccessKey,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      })
    },
  }
}

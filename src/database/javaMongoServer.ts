import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import type { EmbeddedDatabase } from './embeddedDatabase'
import { findFreePort, waitForPort } from './findFreePort'
import { killOnExit } from './killOnExit'
import { projectRoot, toolsDir } from '../lib/projectPaths'

/**
 * mongo-java-server (https://github.com/bwaldvogel/mongo-java-server): a
 * separate server process speaking MongoDB's wire protocol, the embedded
 * database where no mongod can be had. The project's small Java program
 * (tools/mongo-java-server/) binds it to a loopback port with the memory
 * backend (tests) or the H2 file backend (development, scripts), committing
 * every change before it answers.
 */

const sourceDir = path.join(projectRoot, 'tools', 'mongo-java-server')
const SOURCES = ['pom.xml', path.join('src', 'EmbeddedMongoServer.java')]
const MAIN_CLASS = 'EmbeddedMongoServer'
// Pinned, so a build is the same wherever it runs.
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1'

/** The folder of a finished build: `lib/` (the jars) and `classes/`. Named by a hash of the sources, so a change builds anew. */
export function javaMongoServerBuildDir(): string {
  const hash = createHash('sha256')
  for (const file of SOURCES) hash.update(fs.readFileSync(path.join(sourceDir, file)))
  return path.join(toolsDir(), 'mongo-java-server', hash.digest('hex').slice(0, 12))
}

/** The mongo-java-server version the pom pins, for messages. */
export function javaMongoServerVersion(): string {
  const pom = fs.readFileSync(path.join(sourceDir, 'pom.xml'), 'utf8')
  return /<artifactId>mongo-java-server<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1] ?? 'unknown'
}

const MISSING_TOOL_ADVICE =
  'set DATABASE_URI to a MongoDB server, or make a mongod available (MONGOMS_SYSTEM_BINARY or on the PATH), to do without it'

function requireTool(command: string, args: string[], what: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    throw new Error(`No MongoDB server is available and the embedded one needs ${what}: install it (Debian: apt-get install ${command === 'mvn' ? 'maven' : 'openjdk-17-jdk-headless'}), or ${MISSING_TOOL_ADVICE}`)
  }
}

function runStep(logger: Logger, label: string, command: string, args: string[]): void {
  const startedAt = Date.now()
  const result = spawnSync(command, args, { cwd: sourceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
    throw new Error(`${label} failed (${command} exited with ${result.status ?? result.error?.message}):\n${output}`)
  }
  logger.info(`  ${label}: done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
}

/**
 * Resolves the jars through Maven and compiles the program, once per version
 * of its sources; later calls find the build and return at once. The build
 * is made in a temporary folder and moved into place, so two processes
 * building at the same time never see half of one.
 */
export function ensureJavaMongoServer(logger: Logger): string {
  const buildDir = javaMongoServerBuildDir()
  if (fs.existsSync(path.join(buildDir, 'classes', `${MAIN_CLASS}.class`))) return buildDir
  requireTool('java', ['-version'], 'Java 17 or newer')
  requireTool('javac', ['-version'], 'a Java 17+ compiler (a JDK, not only a JRE)')
  requireTool('mvn', ['-v'], 'Maven')

  logger.info(
    `Preparing the embedded database, mongo-java-server ${javaMongoServerVersion()} (first start only): Maven fetches about 6 MB of jars into ~/.m2 (about 30 s when none are cached), then javac compiles the launcher (about 2 s)`,
  )
  const staging = `${buildDir}.${process.pid}.tmp`
  fs.rmSync(staging, { force: true, recursive: true })
  fs.mkdirSync(staging, { recursive: true })
  try {
    runStep(logger, 'resolving the jars', 'mvn', [
      '-B',
      '-q',
      '-f',
      path.join(sourceDir, 'pom.xml'),
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${path.join(staging, 'lib')}`,
    ])
    runStep(logger, 'compiling the launcher', 'javac', [
      '--release',
      '17',
      '-cp',
      path.join(staging, 'lib', '*'),
      '-d',
      path.join(staging, 'classes'),
      path.join(sourceDir, 'src', `${MAIN_CLASS}.java`),
    ])
    fs.rmSync(buildDir, { force: true, recursive: true })
    fs.renameSync(staging, buildDir)
  } catch (error) {
    fs.rmSync(staging, { force: true, recursive: true })
    if (fs.existsSync(path.join(buildDir, 'classes', `${MAIN_CLASS}.class`))) return buildDir // another process finished first
    throw error
  }
  return buildDir
}

export type JavaMongoServerOptions = {
  /** `memory`: nothing is kept when the server stops (tests); `h2`: one file in dataDir (development, scripts). */
  backend: 'h2' | 'memory'
  dataDir: string
  /** The JVM's largest heap, e.g. `4g`; the JVM's own default (a quarter of the memory) when unset. */
  maxHeap?: string
  logger: Logger
  port?: number
}

/** The file the H2 backend keeps its data in. */
export function javaMongoServerDataFile(dataDirectory: string): string {
  return path.join(dataDirectory, 'journal.mv.db')
}

/** Starts mongo-java-server as a child process of this one; it exits when this process does. */
export async function startJavaMongoServer(options: JavaMongoServerOptions): Promise<EmbeddedDatabase> {
  const buildDir = ensureJavaMongoServer(options.logger)
  const port = options.port ?? (await findFreePort())
  fs.mkdirSync(options.dataDir, { recursive: true })
  let child: ChildProcess | undefined

  const start = async (): Promise<void> => {
    const args = [
      // A server out of memory stops (clients see the database as gone) rather than answer from a broken store.
      '-XX:+ExitOnOutOfMemoryError',
      ...(options.maxHeap ? [`-Xmx${options.maxHeap}`] : []),
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-cp',
      `${path.join(buildDir, 'lib', '*')}${path.delimiter}${path.join(buildDir, 'classes')}`,
      MAIN_CLASS,
      '--port',
      String(port),
      '--backend',
      options.backend,
      ...(options.backend === 'h2' ? ['--file', javaMongoServerDataFile(options.dataDir)] : []),
    ]
    // Standard input stays open as long as this process lives: its end tells the server to exit.
    // Its output goes to a file, never to a pipe this process must drain: a parent busy in a
    // synchronous call (a test running a script) must not stall the server on a full pipe.
    const logFile = path.join(options.dataDir, 'server.log')
    const log = fs.openSync(logFile, 'a')
    const spawned = spawn('java', args, { stdio: ['pipe', log, log] })
    fs.closeSync(log)
    child = spawned
    killOnExit(spawned)
    const lastLines = () => fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n')
    const failed = new Promise<never>((_, reject) => {
      spawned.once('error', (error) => reject(new Error(`mongo-java-server could not be started: ${error.message}`)))
      spawned.once('exit', (code) => reject(new Error(`mongo-java-server exited with code ${code} while starting: ${lastLines()}`)))
    })
    failed.catch(() => undefined)
    try {
      await Promise.race([waitForPort(port, 60_000), failed])
    } catch (error) {
      spawned.kill('SIGKILL')
      throw error
    }
  }

  const stop = async (): Promise<void> => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000)
      running.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      // SIGTERM runs the server's shutdown hook, which closes the H2 store.
      running.kill('SIGTERM')
    })
  }

  await start()
  return {
    dataDir: options.dataDir,
    kind: 'mongo-java-server',
    pid: () => child?.pid,
    port,
    start,
    stop,
    uri: (databaseName) => `mongodb://127.0.0.1:${port}/${databaseName}`,
  }
}

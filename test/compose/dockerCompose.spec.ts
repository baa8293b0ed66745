/**
 * Structural checks of the container setup (docker-compose.yml and Dockerfile).
 *
 * No container engine is available where the tests run, so instead of starting
 * the stack these tests read the files and check the properties the deployment
 * relies on: a MongoDB replica set that initiates itself, an app that waits for
 * it, health checks, persistent volumes, no secrets in the files, non-root user.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

type Dict = Record<string, unknown>

const repoRoot = process.cwd()
const composePath = path.resolve(repoRoot, 'docker-compose.yml')
const dockerfilePath = path.resolve(repoRoot, 'Dockerfile')

const compose = parse(readFileSync(composePath, 'utf8')) as Dict
const dockerfileText = readFileSync(dockerfilePath, 'utf8')

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asDict(value: unknown, what: string): Dict {
  if (!isDict(value)) throw new Error(`${what} should be a mapping`)
  return value
}

function services(): Dict {
  return asDict(compose.services, 'services')
}

function service(name: string): Dict {
  return asDict(services()[name], `services.${name}`)
}

function topLevelVolumes(): string[] {
  return isDict(compose.volumes) ? Object.keys(compose.volumes) : []
}

/** A health check's test, whether written as a string or as a CMD list, as one string. */
function healthcheckCommand(svc: Dict): string {
  const healthcheck = asDict(svc.healthcheck, 'healthcheck')
  const test = healthcheck.test
  if (typeof test === 'string') return test
  if (Array.isArray(test)) return test.map(String).join(' ')
  throw new Error('healthcheck.test should be a string or a list')
}

/** Environment as a map, whether written as a mapping or as a list of KEY=value. */
function environment(svc: Dict): Record<string, string> {
  const env = svc.environment
  const out: Record<string, string> = {}
  if (Array.isArray(env)) {
    for (const entry of env.map(String)) {
      const eq = entry.indexOf('=')
      if (eq === -1) out[entry] = ''
      else out[entry.slice(0, eq)] = entry.slice(eq + 1)
    }
  } else if (isDict(env)) {
    for (const [key, value] of Object.entries(env)) out[key] = value == null ? '' : String(value)
  }
  return out
}

interface Mount {
  source: string
  target: string
  type: 'volume' | 'bind' | 'other'
}

/** Volume mounts in short (`src:dst[:mode]`) or long (`{type, source, target}`) syntax. */
function mounts(svc: Dict): Mount[] {
  const list = Array.isArray(svc.volumes) ? svc.volumes : []
  return list.map((entry: unknown): Mount => {
    if (typeof entry === 'string') {
      const [source = '', target = ''] = entry.split(':')
      const isPath = source.startsWith('.') || source.startsWith('/') || source.startsWith('~')
      return { source, target, type: target === '' ? 'other' : isPath ? 'bind' : 'volume' }
    }
    const long = asDict(entry, 'volume entry')
    const type = long.type === 'volume' ? 'volume' : long.type === 'bind' ? 'bind' : 'other'
    return { source: String(long.source ?? ''), target: String(long.target ?? ''), type }
  })
}

function namedVolumeAt(svc: Dict, target: string): string | undefined {
  return mounts(svc).find((m) => m.target === target && m.type === 'volume')?.source
}

interface Instruction {
  keyword: string
  args: string
}

/** Dockerfile instructions: comments dropped, line continuations joined. */
function dockerfileInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = []
  let pending = ''
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (line.startsWith('#')) continue
    if (line === '' && pending === '') continue
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' '
      continue
    }
    const full = (pending + line).trim()
    pending = ''
    if (full === '') continue
    const match = /^(\S+)\s*(.*)$/.exec(full)
    if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2] })
  }
  if (pending.trim() !== '') {
    const match = /^(\S+)\s*(.*)$/.exec(pending.trim())
    if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2] })
  }
  return instructions
}

/** Instructions of the last stage, i.e. the image that actually runs. */
function finalStage(instructions: Instruction[]): Instruction[] {
  let lastFrom = -1
  instructions.forEach((ins, index) => {
    if (ins.keyword === 'FROM') lastFrom = index
  })
  return instructions.slice(lastFrom)
}

describe('docker-compose.yml', () => {
  it('defines a mongo service and an app service', () => {
    expect(Object.keys(services())).toEqual(expect.arrayContaining(['mongo', 'app']))
  })

  it('the mongo service runs a single-node replica set initiated by its health check', () => {
    const mongo = service('mongo')
    expect(String(mongo.image)).toMatch(/^mongo:\d/)

    const command = Array.isArray(mongo.command) ? mongo.command.map(String).join(' ') : String(mongo.command ?? '')
    expect(command).toMatch(/--replSet[ =]rs0\b/)
    expect(command).toContain('--bind_ip_all')

    const check = healthcheckCommand(mongo)
    expect(check).toContain('mongosh')
    expect(check).toContain('rs.status()')
    expect(check).toContain('rs.initiate(')
    expect(check).toMatch(/_id:\s*'rs0'/)
    expect(check).toMatch(/host:\s*'mongo:27017'/)
    // healthy only once this node is primary
    expect(check).toMatch(/isWritablePrimary|ismaster|myState/)

    const healthcheck = asDict(mongo.healthcheck, 'mongo.healthcheck')
    for (const key of ['interval', 'timeout', 'retries', 'start_period']) {
      expect(healthcheck[key]).toBeDefined()
    }
  })

  it('the health check script of mongo is valid JavaScript', () => {
    const test = asDict(service('mongo').healthcheck, 'mongo.healthcheck').test
    expect(Array.isArray(test)).toBe(true)
    const list = (test as unknown[]).map(String)
    const script = list[list.indexOf('--eval') + 1]
    expect(script).toBeTruthy()
    // compile only: rs, db, print and quit are mongosh globals
    expect(() => new Function(script)).not.toThrow()
  })

  it('mongo keeps its data in a named volume declared at top level', () => {
    const volume = namedVolumeAt(service('mongo'), '/data/db')
    expect(volume).toBeDefined()
    expect(topLevelVolumes()).toContain(volume)
  })

  it('does not publish the mongo port to the host', () => {
    expect(service('mongo').ports).toBeUndefined()
  })

  it('restarts both services unless they were stopped', () => {
    expect(service('mongo').restart).toBe('unless-stopped')
    expect(service('app').restart).toBe('unless-stopped')
  })

  it('the app is built from the Dockerfile at the repository root', () => {
    const build = service('app').build
    const context = typeof build === 'string' ? build : String(asDict(build, 'app.build').context ?? '.')
    const dockerfile = isDict(build) && build.dockerfile ? String(build.dockerfile) : 'Dockerfile'
    expect(path.resolve(repoRoot, context, dockerfile)).toBe(dockerfilePath)
    expect(existsSync(dockerfilePath)).toBe(true)
  })

  it('the app starts only once mongo reports healthy', () => {
    const dependsOn = asDict(service('app').depends_on, 'app.depends_on')
    expect(asDict(dependsOn.mongo, 'app.depends_on.mongo').condition).toBe('service_healthy')
  })

  it('the app connects to mongo as a replica set and runs in production mode', () => {
    const env = environment(service('app'))
    expect(env.NODE_ENV).toBe('production')
    expect(env.DATABASE_URI).toMatch(/^mongodb:\/\/mongo:27017\/[^?]+\?(.*&)?replicaSet=rs0(&|$)/)
    expect(env.PORT).toBe('3000')
    expect(env.SERVER_URL).toBeDefined()
  })

  it('the app reports readiness through a health check on /readyz', () => {
    const check = healthcheckCommand(service('app'))
    expect(check).toContain('/readyz')
    expect(check).not.toMatch(/\bcurl\b|\bwget\b/)
  })

  it('uploaded media persist in a named volume mounted at /app/uploads', () => {
    const volume = namedVolumeAt(service('app'), '/app/uploads')
    expect(volume).toBeDefined()
    expect(topLevelVolumes()).toContain(volume)
  })

  it('backup archives persist in a named volume mounted at /app/backups', () => {
    const volume = namedVolumeAt(service('app'), '/app/backups')
    expect(volume).toBeDefined()
    expect(topLevelVolumes()).toContain(volume)
  })

  it('publishes the app on a host port that can be overridden', () => {
    const ports = service('app').ports
    expect(Array.isArray(ports)).toBe(true)
    expect((ports as unknown[]).map(String)).toContainEqual(expect.stringMatching(/^\$\{APP_PORT:-3000\}:3000$/))
  })

  it('takes PAYLOAD_SECRET from the environment and never contains a literal secret', () => {
    const env = environment(service('app'))
    // `${PAYLOAD_SECRET}`, `${PAYLOAD_SECRET:?message}` or `${PAYLOAD_SECRET?message}`
    expect(env.PAYLOAD_SECRET).toMatch(/^\$\{PAYLOAD_SECRET(:?\?[^}]*)?\}$/)
    // a `:-default` or `-default` would smuggle a literal secret in as a fallback
    expect(JSON.stringify(compose)).not.toMatch(/PAYLOAD_SECRET:?-/)
    // no other service sets the secret to a literal value either
    for (const name of Object.keys(services())) {
      const value = environment(service(name)).PAYLOAD_SECRET
      if (value !== undefined) expect(value).toMatch(/^\$\{PAYLOAD_SECRET\b/)
    }
  })

  it('reads optional settings from .env without requiring the file', () => {
    const envFile = service('app').env_file
    expect(Array.isArray(envFile)).toBe(true)
    const entry = (envFile as unknown[]).map((e) => asDict(e, 'env_file entry')).find((e) => e.path === '.env')
    expect(entry).toBeDefined()
    expect(entry?.required).toBe(false)
  })
})

describe('Dockerfile', () => {
  const instructions = dockerfileInstructions(dockerfileText)
  const runtime = finalStage(instructions)

  it('builds in several stages from a Node 20 image', () => {
    const froms = instructions.filter((ins) => ins.keyword === 'FROM')
    expect(froms.length).toBeGreaterThan(1)
    const args = instructions.filter((ins) => ins.keyword === 'ARG').map((ins) => ins.args)
    const images = [...froms.map((ins) => ins.args), ...args].join('\n')
    expect(images).toMatch(/node:20/)
  })

  it('declares a HEALTHCHECK that probes /readyz with node', () => {
    const healthchecks = runtime.filter((ins) => ins.keyword === 'HEALTHCHECK')
    expect(healthchecks).toHaveLength(1)
    expect(healthchecks[0].args).toMatch(/\bCMD\b/)
    expect(healthchecks[0].args).toContain('node')
    expect(healthchecks[0].args).toContain('/readyz')
  })

  it('runs as a non-root USER set before CMD in the final stage', () => {
    const keywords = runtime.map((ins) => ins.keyword)
    const userIndex = keywords.lastIndexOf('USER')
    const cmdIndex = keywords.lastIndexOf('CMD')
    expect(userIndex).toBeGreaterThan(-1)
    expect(cmdIndex).toBeGreaterThan(userIndex)
    const user = runtime[userIndex].args.split(':')[0].trim()
    expect(user).not.toBe('root')
    expect(user).not.toBe('0')
  })

  it('exposes port 3000', () => {
    const exposed = runtime
      .filter((ins) => ins.keyword === 'EXPOSE')
      .flatMap((ins) => ins.args.split(/\s+/))
      .map((port) => port.split('/')[0])
    expect(exposed).toContain('3000')
  })

  it('declares /app/uploads as a volume in the final stage', () => {
    const volumes = runtime.filter((ins) => ins.keyword === 'VOLUME').map((ins) => ins.args)
    expect(volumes.join(' ')).toContain('/app/uploads')
  })

  it('has a /app/backups folder the node user can write, for node dist/backup.js', () => {
    const runs = runtime.filter((ins) => ins.keyword === 'RUN').map((ins) => ins.args).join(' ')
    expect(runs).toMatch(/mkdir -p [^&]*\/app\/backups/)
    expect(runs).toMatch(/chown node:node [^&]*\/app\/backups/)
    expect(runtime.filter((ins) => ins.keyword === 'VOLUME').map((ins) => ins.args).join(' ')).toContain('/app/backups')
  })

  it('runs in production mode', () => {
    const env = runtime.filter((ins) => ins.keyword === 'ENV').map((ins) => ins.args).join(' ')
    expect(env).toMatch(/NODE_ENV=production/)
  })
})

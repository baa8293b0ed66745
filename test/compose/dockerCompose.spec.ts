/**
 * Structural checks of the container setup (docker-compose.yml, Caddyfile and Dockerfile).
 *
 * No container engine is available where the tests run, so instead of starting
 * the stack these tests read the files and check the properties the deployment
 * relies on: the file is valid against the Compose Specification's JSON schema
 * (the copy dclint ships); a MongoDB replica set that initiates itself, an
 * S3-compatible server, migrations applied once by a one-shot service before
 * two app instances start, a reverse proxy in front of both, health checks,
 * persistent volumes, no secrets in the files, non-root user; and every
 * setting given to the instances passes the CMS's own settings check.
 */
import { describe, expect, it } from '@jest/globals'
import Ajv from 'ajv'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

import { readStartupSettings } from '../../src/boot/startupSettings'

type Dict = Record<string, unknown>

const repoRoot = process.cwd()
const composePath = path.resolve(repoRoot, 'docker-compose.yml')
const dockerfilePath = path.resolve(repoRoot, 'Dockerfile')

const composeText = readFileSync(composePath, 'utf8')
// Compose merges `<<: *anchor` keys (YAML 1.1 merge keys), as the app instances use.
const compose = parse(composeText, { merge: true }) as Dict
const caddyfileText = readFileSync(path.resolve(repoRoot, 'Caddyfile'), 'utf8')
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

const APPS = ['app-1', 'app-2'] as const

/** `${NAME}`, `${NAME:?message}`, `${NAME:-default}`: what Compose substitutes, with a stand-in for a required value. */
function interpolated(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?([?-])([^}]*))?\}/g, (_match, name: string, kind?: string, rest?: string) => {
    if (given[name] !== undefined) return given[name]
    if (kind === '-') return rest ?? ''
    throw new Error(`${name} has no value for the test`)
  })
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const schemaPath = path.resolve(repoRoot, 'node_modules', 'dclint', 'schemas', 'compose.schema.json')
    // Draft 07, which Ajv speaks by default (the file names its meta-schema by an address Ajv does not know).
    const { $schema: draft, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Dict
    expect(String(draft)).toMatch(/draft-07/)
    // The schema names formats of its own (durations, ports) that it checks with patterns besides.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })
    const validate = ajv.compile(schema)
    const valid = validate(compose)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('defines the database, the object store, the one-shot migration, two app instances and the proxy', () => {
    expect(Object.keys(services()).sort()).toEqual(['app-1', 'app-2', 'migrate', 'mongo', 'proxy', 's3'])
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

  it('publishes only the proxy to the host', () => {
    for (const name of Object.keys(services())) {
      if (name !== 'proxy') expect({ name, ports: service(name).ports }).toEqual({ name, ports: undefined })
    }
    const ports = (service('proxy').ports as unknown[]).map(String)
    expect(ports).toEqual(expect.arrayContaining(['${HTTP_PORT:-80}:80', '${HTTPS_PORT:-443}:443']))
  })

  it('restarts every long-running service unless it was stopped, and never the one-shot migration', () => {
    for (const name of ['mongo', 's3', ...APPS, 'proxy']) expect({ name, restart: service(name).restart }).toEqual({ name, restart: 'unless-stopped' })
    expect(service('migrate').restart).toBe('no')
  })

  it('gives every long-running service a health check', () => {
    for (const name of ['mongo', 's3', ...APPS, 'proxy']) {
      expect(healthcheckCommand(service(name))).toBeTruthy()
      expect(asDict(service(name).healthcheck, `${name}.healthcheck`).interval).toBeDefined()
    }
  })

  describe('the object store (S3Proxy)', () => {
    const s3 = () => service('s3')

    it('runs S3Proxy on files in a named volume, with signed requests and credentials from .env', () => {
      expect(String(s3().image)).toMatch(/^andrewgaul\/s3proxy(:|$)/)
      const env = environment(s3())
      expect(env.S3PROXY_AUTHORIZATION).toBe('aws-v2-or-v4')
      expect(env.S3PROXY_IDENTITY).toMatch(/^\$\{S3PROXY_IDENTITY:\?[^}]+\}$/)
      expect(env.S3PROXY_CREDENTIAL).toMatch(/^\$\{S3PROXY_CREDENTIAL:\?[^}]+\}$/)
      expect(env.JCLOUDS_PROVIDER).toBe('filesystem')
      const volume = namedVolumeAt(s3(), env.JCLOUDS_FILESYSTEM_BASEDIR)
      expect(volume).toBeDefined()
      expect(topLevelVolumes()).toContain(volume)
    })

    it('makes the bucket the apps use before it serves', () => {
      const entrypoint = (s3().entrypoint as unknown[]).map(String).join(' ')
      expect(entrypoint).toMatch(/mkdir -p "\$\$JCLOUDS_FILESYSTEM_BASEDIR\/\$\$S3_BUCKET" && exec \/opt\/s3proxy\/run-docker-container\.sh/)
      for (const app of APPS) expect(environment(service(app)).S3_BUCKET).toBe(environment(s3()).S3_BUCKET)
    })

    it('is what the apps store media in: its address, path-style, and its credentials', () => {
      const env = environment(s3())
      for (const app of APPS) {
        const appEnv = environment(service(app))
        expect(appEnv.S3_ENDPOINT).toBe('http://s3:80')
        expect(appEnv.S3_FORCE_PATH_STYLE).toBe('true')
        expect(appEnv.S3_REGION).toBeTruthy()
        expect(appEnv.S3_ACCESS_KEY_ID).toBe(env.S3PROXY_IDENTITY)
        expect(appEnv.S3_SECRET_ACCESS_KEY).toBe(env.S3PROXY_CREDENTIAL)
      }
    })
  })

  describe('migrations', () => {
    it('run once, by the one-shot service, after mongo is healthy', () => {
      const migrate = service('migrate')
      expect((migrate.command as unknown[]).map(String)).toEqual(['node', '--conditions=production', 'dist/migrate.js'])
      expect(asDict(asDict(migrate.depends_on, 'migrate.depends_on').mongo, 'migrate.depends_on.mongo').condition).toBe('service_healthy')
      expect(asDict(migrate.healthcheck, 'migrate.healthcheck').disable).toBe(true)
      // The command is built into the image's dist/ with the server.
      expect(readFileSync(path.resolve(repoRoot, 'scripts', 'buildServer.ts'), 'utf8')).toMatch(/migrate: path\.join\(projectRoot, 'scripts', 'migrate\.ts'\)/)
      expect(existsSync(path.resolve(repoRoot, 'scripts', 'migrate.ts'))).toBe(true)
    })

    it('and never by the instances, which start only once it has exited 0', () => {
      for (const app of APPS) {
        expect(environment(service(app)).MIGRATE_ON_START).toBe('false')
        const dependsOn = asDict(service(app).depends_on, `${app}.depends_on`)
        expect(asDict(dependsOn.migrate, `${app}.depends_on.migrate`).condition).toBe('service_completed_successfully')
      }
    })
  })

  describe.each(APPS)('the instance %s', (app) => {
    it('is built from the Dockerfile at the repository root, the same image as the other', () => {
      const build = service(app).build
      const context = typeof build === 'string' ? build : String(asDict(build, `${app}.build`).context ?? '.')
      const dockerfile = isDict(build) && build.dockerfile ? String(build.dockerfile) : 'Dockerfile'
      expect(path.resolve(repoRoot, context, dockerfile)).toBe(dockerfilePath)
      expect(existsSync(dockerfilePath)).toBe(true)
      expect(service(app).image).toBe(service('migrate').image)
    })

    it('starts only once mongo and the object store report healthy', () => {
      const dependsOn = asDict(service(app).depends_on, `${app}.depends_on`)
      expect(asDict(dependsOn.mongo, `${app}.depends_on.mongo`).condition).toBe('service_healthy')
      expect(asDict(dependsOn.s3, `${app}.depends_on.s3`).condition).toBe('service_healthy')
    })

    it('connects to mongo as a replica set, in production mode, and counts budgets in the database', () => {
      const env = environment(service(app))
      expect(env.NODE_ENV).toBe('production')
      expect(env.DATABASE_URI).toMatch(/^mongodb:\/\/mongo:27017\/[^?]+\?(.*&)?replicaSet=rs0(&|$)/)
      expect(env.PORT).toBe('3000')
      expect(env.SERVER_URL).toBeDefined()
      expect(env.RATE_LIMIT_STORE).toBe('database')
      expect(env.TRUST_PROXY).toBeTruthy()
    })

    it('has settings the CMS accepts at start', () => {
      const given = { PAYLOAD_SECRET: 'x'.repeat(64), S3PROXY_CREDENTIAL: 'credential', S3PROXY_IDENTITY: 'identity' }
      const env = Object.fromEntries(Object.entries(environment(service(app))).map(([key, value]) => [key, interpolated(value, given)]))
      const settings = readStartupSettings(env)
      expect(settings.migrateOnStart).toBe(false)
      expect(settings.rateLimits.store).toBe('database')
      expect(settings.trustProxy).toEqual(['uniquelocal'])
    })

    it('reports readiness through a health check on /readyz', () => {
      const check = healthcheckCommand(service(app))
      expect(check).toContain('/readyz')
      expect(check).not.toMatch(/\bcurl\b|\bwget\b/)
    })

    it('keeps uploads and backup archives in named volumes, shared with the other instance', () => {
      for (const target of ['/app/uploads', '/app/backups']) {
        const volume = namedVolumeAt(service(app), target)
        expect(volume).toBeDefined()
        expect(topLevelVolumes()).toContain(volume)
        expect(volume).toBe(namedVolumeAt(service(APPS.find((other) => other !== app) ?? app), target))
      }
    })

    it('takes PAYLOAD_SECRET from the environment, the same as the other instance', () => {
      const env = environment(service(app))
      // `${PAYLOAD_SECRET}`, `${PAYLOAD_SECRET:?message}` or `${PAYLOAD_SECRET?message}`
      expect(env.PAYLOAD_SECRET).toMatch(/^\$\{PAYLOAD_SECRET(:?\?[^}]*)?\}$/)
    })

    it('reads optional settings from .env without requiring the file', () => {
      const envFile = service(app).env_file
      expect(Array.isArray(envFile)).toBe(true)
      const entry = (envFile as unknown[]).map((e) => asDict(e, 'env_file entry')).find((e) => e.path === '.env')
      expect(entry).toBeDefined()
      expect(entry?.required).toBe(false)
    })
  })

  it('never contains a literal secret', () => {
    // a `:-default` or `-default` would smuggle a literal secret in as a fallback
    for (const name of ['PAYLOAD_SECRET', 'S3PROXY_CREDENTIAL', 'S3PROXY_IDENTITY']) expect(composeText).not.toMatch(new RegExp(`\\$\\{${name}:?-`))
    for (const name of Object.keys(services())) {
      const env = environment(service(name))
      if (env.PAYLOAD_SECRET !== undefined) expect(env.PAYLOAD_SECRET).toMatch(/^\$\{PAYLOAD_SECRET\b/)
      if (env.S3_SECRET_ACCESS_KEY !== undefined) expect(env.S3_SECRET_ACCESS_KEY).toMatch(/^\$\{S3PROXY_CREDENTIAL\b/)
    }
  })

  describe('the proxy (Caddy)', () => {
    it('runs the official image with the Caddyfile of the repository, and keeps its certificates in a volume', () => {
      const proxy = service('proxy')
      expect(proxy.image).toBe('caddy:2')
      const caddyfile = mounts(proxy).find((mount) => mount.target === '/etc/caddy/Caddyfile')
      expect(caddyfile?.type).toBe('bind')
      expect(existsSync(path.resolve(repoRoot, caddyfile?.source ?? ''))).toBe(true)
      expect(topLevelVolumes()).toContain(namedVolumeAt(proxy, '/data'))
      const dependsOn = asDict(proxy.depends_on, 'proxy.depends_on')
      expect(Object.keys(dependsOn).sort()).toEqual([...APPS])
    })

    it('sends requests to every instance that answers /readyz', () => {
      const upstreams = /reverse_proxy\s+([^{\n]+)\{/.exec(caddyfileText)?.[1].trim().split(/\s+/)
      expect(upstreams?.sort()).toEqual(APPS.map((app) => `${app}:3000`))
      expect(caddyfileText).toMatch(/^\s*health_uri \/readyz$/m)
      expect(caddyfileText).toMatch(/^\s*lb_policy \w+$/m)
      // The site address comes from SITE_ADDRESS, plain HTTP on port 80 by default.
      expect(caddyfileText).toMatch(/^\{\$SITE_ADDRESS::80\} \{$/m)
      expect(environment(service('proxy')).SITE_ADDRESS).toBe('${SITE_ADDRESS:-:80}')
    })

    it('has balanced braces in the Caddyfile', () => {
      const withoutComments = caddyfileText.replace(/#.*$/gm, '').replace(/\{\$[A-Z_]+:[^}]*\}/g, '')
      let depth = 0
      for (const character of withoutComments) {
        if (character === '{') depth += 1
        if (character === '}') depth -= 1
        expect(depth).toBeGreaterThanOrEqual(0)
      }
      expect(depth).toBe(0)
    })
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

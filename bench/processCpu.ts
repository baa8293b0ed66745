import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

/** Clock ticks per second of /proc's CPU times (100 on every usual Linux). */
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/**
 * CPU time a process has used so far, user and system, in milliseconds
 * (Linux /proc); 0 when it cannot be read. The difference over a load run,
 * divided by the requests served, is the process's CPU per request, whatever
 * the database or the machine's other work costs.
 */
export function cpuMilliseconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The fields after the command name (which may hold spaces), from the third: utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  } catch {
    return 0
  }
}

/**
 * Resolves once a process has used under `busyMs` of CPU in each of two
 * seconds in a row (start-up work such as the server's check of derived data
 * done), or after `maxSeconds`. Returns how many seconds it waited.
 */
export async function waitUntilIdle(pid: number, { busyMs = 50, maxSeconds = 600 } = {}): Promise<number> {
  const started = Date.now()
  let quietSeconds = 0
  let before = cpuMilliseconds(pid)
  while (quietSeconds < 2 && Date.now() - started < maxSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const now = cpuMilliseconds(pid)
    quietSeconds = now - before < busyMs ? quietSeconds + 1 : 0
    before = now
  }
  return Math.round((Date.now() - started) / 1000)
}

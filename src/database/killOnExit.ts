import type { ChildProcess } from 'node:child_process'

const children = new Set<ChildProcess>()
let hooked = false

/**
 * Makes sure a child server (an embedded database) does not outlive this
 * process, however it ends.
 */
export function killOnExit(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
  if (hooked) return
  hooked = true
  process.once('exit', () => {
    for (const running of children) running.kill('SIGKILL')
  })
}

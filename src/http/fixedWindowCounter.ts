/** How a key stands in its current window. */
export type WindowCount = { count: number; resetAt: number }

/**
 * Counts hits per key in fixed windows of `windowMs`, in memory. Windows
 * that have ended are dropped as keys are counted, so the map holds at most
 * the keys seen within one window.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, WindowCount>()
  private nextSweep = 0

  constructor(private readonly windowMs: number) {}

  hit(key: string, now = Date.now()): WindowCount {
    this.sweep(now)
    const current = this.windows.get(key)
    if (current && current.resetAt > now) {
      current.count += 1
      return current
    }
    const started = { count: 1, resetAt: now + this.windowMs }
    this.windows.set(key, started)
    return started
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return
    this.nextSweep = now + this.windowMs
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key)
  }
}

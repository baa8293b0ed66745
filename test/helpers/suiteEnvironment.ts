/**
 * Sets environment variables for a suite and returns what puts them back:
 * call it first in `beforeAll` and the returned function in `afterAll`.
 */
export function setSuiteEnvironment(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]))
  Object.assign(process.env, values)
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

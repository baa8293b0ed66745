/** A setting is missing or malformed: reported as one line at start, with a non-zero exit. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigurationError'
  }
}

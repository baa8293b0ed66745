/**
 * Why one page cannot be imported, in words an editor can act on. The
 * importer reports it against the page and goes on with the others.
 */
export class PageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PageError'
  }
}

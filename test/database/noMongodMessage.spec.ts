import { describe, expect, it } from '@jest/globals'
import { DownloadError } from 'mongodb-memory-server-core/lib/util/errors.js'

import { whyNoMongod } from '../../src/database/mongod'

/**
 * The line "No mongod binary could be had: …" names what failed. The
 * download errors are mongodb-memory-server's own, as it throws them.
 */
describe('why no mongod could be had', () => {
  const url = 'https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-debian12-7.0.14.tgz'

  it('names the URL and the error code when the connection failed without a message, never a bare "Details:"', () => {
    // A connection refused on every address (an AggregateError) has an empty message.
    const reason = whyNoMongod(new DownloadError(url, '', 'ECONNREFUSED'))
    expect(reason).toBe(`the download from ${url} failed (ECONNREFUSED)`)
    expect(reason).not.toMatch(/Details:|,\s*$/)
  })

  it('gives the first line of the download error’s reason', () => {
    const reason = whyNoMongod(new DownloadError(url, "Status Code is 403 (MongoDB's 404)\nThis means that the requested version-platform combination doesn't exist", 'Status: 403'))
    expect(reason).toBe(`the download from ${url} failed (Status Code is 403 (MongoDB's 404))`)
  })

  it('gives other errors in their own words, on one line', () => {
    expect(whyNoMongod(new Error('fastdl.mongodb.org cannot be reached (ENOTFOUND)'))).toBe('fastdl.mongodb.org cannot be reached (ENOTFOUND)')
    expect(whyNoMongod(new Error('Unknown/unsupported linux "alpine"\n  see the docs\n  more'))).toBe('Unknown/unsupported linux "alpine" see the docs')
    expect(whyNoMongod(new Error(''))).toBe('no reason given')
  })
})

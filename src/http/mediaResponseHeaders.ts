/**
 * Headers for every file the media library serves (GET /api/media/file/…):
 * browsers must take the file for the type the server names (nosniff), a
 * file opened on its own runs nothing (a sandbox with nothing allowed), and a
 * PDF is downloaded rather than shown inside the CMS's origin.
 */
export function mediaResponseHeaders({ headers }: { headers: Headers }): Headers {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Content-Security-Policy', "sandbox; default-src 'none'")
  if (headers.get('Content-Type')?.startsWith('application/pdf')) headers.set('Content-Disposition', 'attachment')
  return headers
}

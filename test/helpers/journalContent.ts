import type { Payload } from 'payload'
import sharp from 'sharp'

import type { Article, Author, Contact, Media, Section } from '../../src/payload-types'

/**
 * Content made directly with the Local API (access overridden), so that a
 * test starts from known documents and only the request under test goes
 * through access control.
 */
export class JournalContent {
  private serial = 0

  constructor(private readonly payload: Payload) {}

  /** A slug no other fixture of the run has. */
  uniqueSlug(base: string): string {
    this.serial += 1
    return `${base}-${this.serial}`
  }

  section(data: Partial<Section> & { title: string }): Promise<Section> {
    return this.payload.create({
      collection: 'sections',
      data: { slug: this.uniqueSlug('section'), ...data },
      overrideAccess: true,
    })
  }

  author(data: Partial<Author> & { name: string }): Promise<Author> {
    return this.payload.create({
      collection: 'authors',
      data: { slug: this.uniqueSlug('author'), ...data },
      overrideAccess: true,
    })
  }

  /** A published article (one with `_status: 'draft'` is saved as a never-published draft). */
  article(data: Partial<Article> & Pick<Article, 'authors' | 'section' | 'title'>): Promise<Article> {
    const draft = data._status === 'draft'
    return this.payload.create({
      collection: 'articles',
      data: { _status: 'published', slug: this.uniqueSlug('article'), ...data },
      draft,
      overrideAccess: true,
    })
  }

  /** Saves a newer draft of a published article, retitled: the published version stays what the public reads. */
  async draftOf(id: string, title: string): Promise<Article> {
    await this.payload.update({ collection: 'articles', data: { _status: 'draft', title }, draft: true, id, overrideAccess: true })
    const latest = await this.payload.findByID({ collection: 'articles', depth: 0, draft: true, id, overrideAccess: true })
    if (latest.title !== title) throw new Error(`the draft of article ${id} was not saved: its title is "${latest.title}"`)
    return latest
  }

  contact(data: Partial<Contact> & { name: string }): Promise<Contact> {
    return this.payload.create({
      collection: 'contacts',
      data: { kind: 'office', organization: 'association', ...data },
      overrideAccess: true,
    })
  }

  async media(alt: string): Promise<Media> {
    const data = await smallPng()
    return this.payload.create({
      collection: 'media',
      data: { alt },
      file: { data, mimetype: 'image/png', name: `${this.uniqueSlug('image')}.png`, size: data.length },
      overrideAccess: true,
    })
  }
}

/** A small real PNG (a two-colour gradient), enough for sharp to decode and resize. */
export async function smallPng(): Promise<Buffer> {
  const width = 64
  const height = 48
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3
      pixels[offset] = Math.floor((x / width) * 255)
      pixels[offset + 1] = Math.floor((y / height) * 255)
      pixels[offset + 2] = 128
    }
  }
  return sharp(pixels, { raw: { channels: 3, height, width } }).png().toBuffer()
}

/** A multipart body for an upload over REST, the way the admin UI sends one. */
export function uploadForm(file: { bytes: Uint8Array; filename: string; type: string }, fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename)
  form.append('_payload', JSON.stringify(fields))
  return form
}

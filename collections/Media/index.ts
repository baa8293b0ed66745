import type { CollectionConfig } from 'payload'

import { anyone } from '../../src/access/anyone'
import { canUploadMedia } from '../../src/access/canUploadMedia'
import { hiddenFromNonEditors } from '../../src/access/hiddenFromNonEditors'
import { isEditor } from '../../src/access/isEditor'
import { uploadsDir } from '../../src/lib/projectPaths'
import { refuseUnreadableImage } from './hooks/refuseUnreadableImage'

export const MEDIA_SLUG = 'media'

const webp = { format: 'webp' as const, options: { quality: 82 } }

export const Media: CollectionConfig<'media'> = {
  slug: MEDIA_SLUG,
  access: {
    create: canUploadMedia,
    delete: isEditor,
    read: anyone,
    update: isEditor,
  },
  admin: {
    defaultColumns: ['filename', 'alt', 'mimeType', 'updatedAt'],
    group: 'Content',
    hidden: hiddenFromNonEditors,
    useAsTitle: 'filename',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      admin: { description: 'Describes the image for readers who cannot see it.' },
      required: true,
    },
    {
      name: 'caption',
      type: 'text',
    },
  ],
  hooks: {
    beforeOperation: [refuseUnreadableImage],
  },
  upload: {
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', formatOptions: webp, height: 300, width: 300 },
      { name: 'card', formatOptions: webp, height: undefined, width: 768 },
      { name: 'hero', formatOptions: webp, height: undefined, width: 1920, withoutEnlargement: true },
      { name: 'og', formatOptions: webp, height: 630, width: 1200 },
    ],
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'],
    staticDir: uploadsDir(),
  },
}

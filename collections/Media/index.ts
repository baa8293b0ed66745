import type { CollectionConfig } from 'payload'

import { anyone } from '../../src/access/anyone'
import { canUploadMedia } from '../../src/access/canUploadMedia'
import { hiddenFromNonWriters } from '../../src/access/hiddenFromNonWriters'
import { isEditor } from '../../src/access/isEditor'
import { readUploadLimits } from '../../src/settings/environment'
import { MEDIA_MIME_TYPES } from '../../src/lib/fileSignature'
import { mediaResponseHeaders } from '../../src/http/mediaResponseHeaders'
import { uploadsDir } from '../../src/lib/projectPaths'
import { MEDIA_IMAGE_SIZES } from './imageSizes'
import { malformedUploadIsBadRequest } from './hooks/malformedUploadIsBadRequest'
import { refuseUnsafeUpload } from './hooks/refuseUnsafeUpload'
import { refuseUploadFromUrl } from './hooks/refuseUploadFromUrl'
import { serveRecordedFilesOnly } from './serveRecordedFilesOnly'

export const MEDIA_SLUG = 'media'

export const Media: CollectionConfig<'media'> = {
  slug: MEDIA_SLUG,
  access: {
    create: canUploadMedia,
    delete: isEditor,
    read: anyone,
    update: isEditor,
  },
  admin: {
    components: { edit: { beforeDocumentControls: ['/admin/WritingLanguage#WritingLanguage'] } },
    defaultColumns: ['filename', 'alt', 'mimeType', 'updatedAt'],
    group: 'Content',
    // Contributors pick and upload images for their articles' bodies.
    hidden: hiddenFromNonWriters,
    useAsTitle: 'filename',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      admin: { description: 'Describes the image for readers who cannot see it, in each language (readers of a language without one get the English).' },
      // Localized: a Chinese page needs Chinese alt text (migrations/20261202_090000_localize_media_alt.ts).
      localized: true,
      required: true,
    },
    {
      name: 'caption',
      type: 'text',
      localized: true,
    },
  ],
  hooks: {
    afterError: [malformedUploadIsBadRequest],
    beforeOperation: [refuseUploadFromUrl, refuseUnsafeUpload(readUploadLimits())],
  },
  upload: {
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    imageSizes: MEDIA_IMAGE_SIZES,
    // What a file is gets decided from its bytes (hooks/refuseUnsafeUpload.ts); PDFs get no image sizes.
    mimeTypes: MEDIA_MIME_TYPES,
    // Served with nosniff and a sandbox; PDFs as downloads (docs/security.md, "Uploads").
    handlers: [serveRecordedFilesOnly],
    modifyResponseHeaders: mediaResponseHeaders,
    // Uploading from a URL is off (hooks/refuseUploadFromUrl.ts); nothing would be forwarded anyway.
    externalFileHeaderFilter: () => ({}),
    pasteURL: false,
    staticDir: uploadsDir(),
  },
}

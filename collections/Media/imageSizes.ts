import type { ImageSize } from 'payload'

const webp = { format: 'webp' as const, options: { quality: 82 } }

/** The sizes sharp makes of every uploaded image, beside the original. */
export const MEDIA_IMAGE_SIZES: ImageSize[] = [
  { name: 'thumbnail', formatOptions: webp, height: 300, width: 300 },
  { name: 'card', formatOptions: webp, height: undefined, width: 768 },
  { name: 'hero', formatOptions: webp, height: undefined, width: 1920, withoutEnlargement: true },
  { name: 'og', formatOptions: webp, height: 630, width: 1200 },
]

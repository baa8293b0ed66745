import {
  BlocksFeature,
  FixedToolbarFeature,
  HeadingFeature,
  LinkFeature,
  UploadFeature,
  lexicalEditor,
} from '@payloadcms/richtext-lexical'

import { footnoteBlock } from './footnoteBlock'

const REPLACED_FEATURES = new Set(['heading', 'link', 'relationship', 'upload'])

/**
 * The article body: headings h2–h4 (the article title is the page's h1),
 * lists, quotes, links (to web pages, articles and authors) and images with
 * captions, and footnotes (an inline block, src/fields/footnoteBlock.ts),
 * on top of Lexical's default text formatting. Besides the slash menu and
 * the toolbar shown over selected text, a toolbar above the body inserts
 * at the caret: headings, lists, links, images and footnotes.
 */
export const articleBodyEditor = lexicalEditor({
  features: ({ defaultFeatures }) => [
    ...defaultFeatures.filter((feature) => !REPLACED_FEATURES.has(feature.key)),
    HeadingFeature({ enabledHeadingSizes: ['h2', 'h3', 'h4'] }),
    LinkFeature({ enabledCollections: ['articles', 'authors'] }),
    UploadFeature({
      collections: {
        media: {
          fields: [{ name: 'caption', type: 'text', localized: true }],
        },
      },
    }),
    BlocksFeature({ inlineBlocks: [footnoteBlock] }),
    FixedToolbarFeature(),
  ],
})

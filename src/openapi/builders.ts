/**
 * Pieces every part of the OpenAPI document is written with: references to
 * the shared components (src/openapi/document.ts) and the shape of a
 * cacheable website read.
 */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const nullable = (type: string) => ({ type: [type, 'null'] })

/** A localized value: a string in the language asked for, or every language with locale=all. */
export const localized = { anyOf: [nullable('string'), ref('LocaleMap')] }

export const json = (schema: object, description: string) => ({ content: { 'application/json': { schema } }, description })

export const errorResponses = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '404': { $ref: '#/components/responses/NotFound' },
}

export const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` })

export const cachedRead = { $ref: '#/components/headers/ETag' }

export function read(summary: string, description: string, parameters: object[], schema: object, notFound = true) {
  return {
    get: {
      description,
      parameters,
      responses: {
        '200': {
          ...json(schema, 'The answer. Anonymous answers are cacheable (see Cache-Control and ETag).'),
          headers: { 'Cache-Control': { $ref: '#/components/headers/CacheControl' }, ETag: cachedRead },
        },
        '304': { description: 'Not modified: the If-None-Match tag still matches.' },
        '400': errorResponses['400'],
        ...(notFound ? { '404': errorResponses['404'] } : {}),
      },
      summary,
      tags: ['Website'],
    },
  }
}

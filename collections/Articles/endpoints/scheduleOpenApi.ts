import { errorResponses, json } from '../../../src/openapi/builders'
import type { OpenApiPart } from '../../../src/openapi/parts'

/** POST /api/articles/{id}/schedule, as the articles collection declares it in the OpenAPI document (custom.openApi). */
export const scheduleOpenApi: OpenApiPart = {
  paths: {
    '/api/articles/{id}/schedule': {
      post: {
        description:
          'Schedules the publication or unpublication of an article (editors and admins). The server\'s jobs queue carries it out within JOBS_AUTORUN_CRON of the time; scheduling publication marks the article `scheduled`. See docs/workflow.md.',
        parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                properties: {
                  at: { description: 'When, in the future (at most five years ahead).', format: 'date-time', type: 'string' },
                  type: { default: 'publish', enum: ['publish', 'unpublish'], type: 'string' },
                },
                required: ['at'],
                type: 'object',
              },
            },
          },
          required: true,
        },
        responses: {
          '202': json(
            {
              properties: {
                at: { format: 'date-time', type: 'string' },
                id: { type: 'string' },
                job: { type: ['string', 'number'] },
                type: { enum: ['publish', 'unpublish'], type: 'string' },
              },
              required: ['at', 'id', 'job', 'type'],
              type: 'object',
            },
            'Queued.',
          ),
          '400': errorResponses['400'],
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': errorResponses['404'],
        },
        security: [{ jwt: [] }],
        summary: 'Schedule publishing or unpublishing',
        tags: ['Editorial'],
      },
    },
  },
}

/**
 * The OpenAPI 3.1 document, built from the routes' own zod schemas: what
 * validates a request is what the reference documents.
 */
import { z } from 'zod';
import { ERRORS } from '../errors/registry.js';
import { jsonSchemaOf as schemaOf, type RouteRegistry } from './route.js';

const errorBody = z.object({
  error: z.object({
    type: z.enum(['invalid_request', 'authentication', 'permission', 'not_found', 'conflict', 'rate_limited', 'internal']),
    code: z.enum(Object.keys(ERRORS) as [string, ...string[]]),
    message: z.string(),
    param: z.string().optional(),
  }),
});


export function openApiDocument(registry: RouteRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry.routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParams = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryShape = route.query ? (schemaOf(route.query, 'input').properties as Record<string, unknown> | undefined) ?? {} : {};
    const queryParams = Object.entries(queryShape).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
    const operation: Record<string, unknown> = {
      summary: route.summary,
      ...(route.description || route.admin ? { description: [route.description, route.admin ? 'Dashboard sessions: admins only.' : undefined].filter(Boolean).join(' ') } : {}),
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
      parameters: [
        ...pathParams,
        ...queryParams,
        ...(route.method === 'POST' ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }] : []),
      ],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
      ...(route.rawBody ? { requestBody: { required: true, content: { [route.rawBody]: { schema: { type: 'string' } } } } } : {}),
      responses: {
        [String(route.status)]: {
          description: 'Success',
          content: route.produces ? { [route.produces]: { schema: { type: 'string' } } } : { 'application/json': { schema: schemaOf(route.response, 'output') } },
        },
        default: { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      ...(route.auth ? {} : { security: [] }),
    };
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Levy API',
      version,
      description: 'Sales tax, VAT and GST for every invoice: calculate, record, and explain. Amounts are integers in the currency\'s minor unit; rates are decimal strings.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: <sellerId>/<keyId>/secret.<secret>' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'levy_session',
          description: 'The dashboard\'s session (POST /v1/session). Requests other than GET and HEAD also send the header x-csrf-token; routes marked admin refuse members.',
        },
      },
      schemas: { Error: schemaOf(errorBody, 'output') },
    },
    paths,
  };
}

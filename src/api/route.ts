/**
 * Routes declared with zod schemas. One declaration gives the route its
 * request validation (compiled, see validation/compile.ts), its response
 * serialization (Fastify compiles the response's JSON Schema, so fields a
 * schema does not name never leave the server) and its entry in the OpenAPI
 * document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { compileValidator, type Validator } from '../validation/compile.js';
import type { SessionUser } from '../store/users.repository.js';
import type { Authenticator } from './auth.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q> {
  request: FastifyRequest;
  reply: FastifyReply;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The authenticated seller (empty for public routes). */
  sellerId: string;
  /** The signed-in person when the request came with a dashboard session (absent with an API key). */
  user?: SessionUser | undefined;
}

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Fastify path, `:name` for parameters. */
  url: string;
  summary: string;
  description?: string;
  tag: string;
  body?: B;
  query?: Q;
  response: R;
  /** Success status (default 200). */
  status?: number;
  /** Whether the route needs an API key or a session (default true). */
  auth?: boolean;
  /** Only admins may use it through a dashboard session (settings, keys, users, alert channels, connectors); API keys may. */
  admin?: boolean;
  /** The body is a stream of this media type (a CSV upload), handed to the handler unread. */
  rawBody?: string;
  /** The answer is this media type (a CSV file) rather than JSON. */
  produces?: string;
  handler: (ctx: RouteContext<z.output<B>, z.output<Q>>) => Promise<z.input<R>>;
}

export interface RegisteredRoute {
  method: Method;
  url: string;
  summary: string;
  description?: string | undefined;
  tag: string;
  body?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  response: z.ZodType;
  status: number;
  auth: boolean;
  admin: boolean;
  rawBody?: string | undefined;
  produces?: string | undefined;
}

/** Every route declared (for the OpenAPI document), and how their callers are authenticated. */
export class RouteRegistry {
  readonly routes: RegisteredRoute[] = [];
  constructor(readonly authenticator: Authenticator) {}
}

/** A schema's JSON Schema without its `$schema` line, for embedding (in route schemas, in the OpenAPI document). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', target?: 'draft-7'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', ...(target ? { target } : {}) }) as Record<string, unknown>;
  return rest;
}

/** JSON Schema of a response, in the draft Fastify's serializer reads. */
export function responseJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return jsonSchemaOf(schema, 'output', 'draft-7');
}

export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(
  app: FastifyInstance,
  registry: RouteRegistry,
  spec: RouteSpec<B, Q, R>,
): void {
  const status = spec.status ?? 200;
  const auth = spec.auth ?? true;
  const admin = spec.admin ?? false;
  const body: Validator<z.output<B>> | undefined = spec.body ? compileValidator(spec.body) : undefined;
  const query: Validator<z.output<Q>> | undefined = spec.query ? compileValidator(spec.query) : undefined;
  registry.routes.push({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    description: spec.description,
    tag: spec.tag,
    body: spec.body,
    query: spec.query,
    response: spec.response,
    status,
    auth,
    admin,
    rawBody: spec.rawBody,
    produces: spec.produces,
  });
  app.route({
    method: spec.method,
    url: spec.url,
    schema: spec.produces ? {} : { response: { [status]: responseJsonSchema(spec.response) } },
    handler: async (request, reply) => {
      reply.header('request-id', request.id);
      if (auth) {
        const identity = await registry.authenticator.authenticateRequest(request, { admin });
        request.sellerId = identity.sellerId;
        request.configVersion = identity.configVersion;
        request.user = identity.user;
      }
      const result = await spec.handler({
        request,
        reply,
        body: body ? body.parse(request.body ?? {}) : spec.rawBody ? (request.body as z.output<B>) : (undefined as z.output<B>),
        query: query ? query.parse(request.query ?? {}) : (undefined as z.output<Q>),
        params: request.params as Record<string, string>,
        sellerId: request.sellerId ?? '',
        user: request.user,
      });
      // A handler may answer with another success status (202 for work it started).
      if (reply.statusCode === 200) reply.code(status);
      return result;
    },
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    sellerId?: string;
    configVersion?: number;
    user?: SessionUser | undefined;
  }
}

/**
 * The dashboard: the Vite build of web/ served at `/`. Any GET outside the
 * API's own paths that names no built file gets index.html, so the single-page
 * app's own addresses (/set-password, /jurisdictions/US-TX) load on a reload.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the web app, from src/api or dist/api alike. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Paths that belong to the API: an unknown one there is the API's 404, never the app. */
const API_PATHS = /^\/(v1|v2|api|docs|certificate-requests)(\/|$)|^\/openapi\.json$/;

/** Vite names assets by their content hash, so a name never changes meaning. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

export function webAppBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

async function builtFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((e) => e.isFile()).map((e) => '/' + relative(dir, join(e.parentPath, e.name)).split(sep).join('/')));
}

export async function registerWebApp(app: FastifyInstance, dir: string): Promise<void> {
  const files = await builtFiles(dir);
  // serve: false: the routes below decide what is a file and what is the app.
  await app.register(fastifyStatic, { root: dir, serve: false, cacheControl: false });
  const sendIndex = (reply: import('fastify').FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', { config: { auth: false } }, async (_request, reply) => sendIndex(reply));
  app.get('/*', { config: { auth: false } }, async (request, reply) => {
    const path = safeDecode(request.url.split('?')[0]!);
    if (path === undefined || API_PATHS.test(path)) return reply.callNotFound();
    if (path !== '/index.html' && files.has(path)) {
      return reply.header('cache-control', path.startsWith('/assets/') ? IMMUTABLE : 'public, max-age=3600').sendFile(path.slice(1));
    }
    return sendIndex(reply);
  });
}

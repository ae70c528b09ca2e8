import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import { loadEngine, type Engine } from '../../src/index.js';
import type { Store } from '../../src/store/open.js';
import { createApiKey } from '../../src/store/sellers.repository.js';
import { sellerId, testStore } from './store.js';

let engine: Promise<Engine> | undefined;

export interface TestApi {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` once `listen()` has been called. */
  base: string;
  /** Serves over real HTTP on a free loopback port (for clients that make their own requests). */
  listen(): Promise<string>;
  store: Store;
  /** A new seller with a key; `call` sends its requests. */
  seller(name?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  id: string;
  key: string;
  call(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

/** `options` are buildApp's, beyond the store and engine (a public URL, background timers off ...). */
export async function testApi(options: Omit<Partial<AppOptions>, 'store' | 'engine'> = {}): Promise<TestApi> {
  engine ??= loadEngine();
  const store = await testStore();
  // The hourly reminders pass goes over every seller in the database: on a PostgreSQL server shared by
  // suites it would email other suites' sellers. Suites that test it turn it on by passing their own.
  const app = await buildApp({ ...options, certificateEmails: { reminderIntervalMs: 0, ...options.certificateEmails }, store, engine: await engine });
  const api: TestApi = {
    app,
    base: '',
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      api.base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return api.base;
    },
    store,
    async seller(name) {
      const id = sellerId(name);
      const { key } = await createApiKey(store.db, id);
      return {
        id,
        key,
        async call(method, url, body, headers = {}) {
          const response = await app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${key}`, ...headers },
            ...(body === undefined ? {} : typeof body === 'string' ? { payload: body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers } } : { payload: body as object }),
          });
          return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
        },
      };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
  return api;
}

import type { FastifyInstance } from 'fastify';
import type { AlertService } from '../alerts/service.js';
import type { Engine } from '../engine/load-engine.js';
import type { ImportRunner } from '../imports/runner.js';
import type { ReprocessRunner } from '../certificates/reprocess-runner.js';
import type { Db } from '../store/open.js';
import type { RouteRegistry } from './route.js';
import type { SellerContexts } from './seller-context.js';

/** What route modules are given. */
export interface Deps {
  app: FastifyInstance;
  registry: RouteRegistry;
  db: Db;
  engine: Engine;
  sellers: SellerContexts;
  alerts: AlertService;
  imports: ImportRunner;
  reprocessing: ReprocessRunner;
}

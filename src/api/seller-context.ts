/**
 * The seller context each calculation needs, prepared once per seller and
 * configuration version: a change to settings, products or registrations
 * (in any process) bumps the version the authentication query returns, and
 * the next request prepares it again. The invoice's customer and its
 * certificates are read once and kept in the seller cache.
 */
import type { Engine } from '../engine/load-engine.js';
import { withCustomers, type PreparedSeller } from '../engine/seller.js';
import { loadCustomerContext, loadSellerContext } from '../store/config.repository.js';
import type { Db } from '../store/open.js';
import type { SellerSettings } from '../store/schema.js';
import type { SellerCache } from './seller-cache.js';

interface Prepared {
  version: number;
  prepared: PreparedSeller;
  settings: SellerSettings;
}

const REMEMBER_AT_MOST = 1000;

export class SellerContexts {
  private readonly contexts = new Map<string, Prepared>();

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly cache: SellerCache,
  ) {}

  async get(sellerId: string, version: number, customerId: string | undefined): Promise<{ seller: PreparedSeller; settings: SellerSettings }> {
    let entry = this.contexts.get(sellerId);
    if (!entry || entry.version !== version) {
      const { context, settings } = await loadSellerContext(this.db, sellerId);
      entry = { version, prepared: this.engine.prepare(context), settings };
      if (this.contexts.size >= REMEMBER_AT_MOST) this.contexts.clear();
      this.contexts.set(sellerId, entry);
    }
    if (customerId === undefined) return { seller: entry.prepared, settings: entry.settings };
    const { customers, certificates } = await this.cache.get(sellerId, `customer:${customerId}`, () => loadCustomerContext(this.db, sellerId, customerId));
    if (customers.length === 0 && certificates.length === 0) return { seller: entry.prepared, settings: entry.settings };
    return { seller: withCustomers(entry.prepared, customers, certificates), settings: entry.settings };
  }
}

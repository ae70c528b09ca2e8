/**
 * The seller context each calculation needs, prepared once per seller and
 * configuration version: a change to settings, products or registrations
 * (in any process) bumps the version the authentication query returns, and
 * the next request prepares it again. The invoice's customer and its
 * certificates are read per request.
 */
import type { Engine } from '../engine/load-engine.js';
import { withCustomers, type PreparedSeller } from '../engine/seller.js';
import { loadCustomerContext, loadSellerContext } from '../store/config.repository.js';
import type { Db } from '../store/open.js';
import type { SellerSettings } from '../store/schema.js';

interface Prepared {
  version: number;
  prepared: PreparedSeller;
  settings: SellerSettings;
}

const REMEMBER_AT_MOST = 1000;

export class SellerContexts {
  private readonly cache = new Map<string, Prepared>();

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  async get(sellerId: string, version: number, customerId: string | undefined): Promise<{ seller: PreparedSeller; settings: SellerSettings }> {
    let entry = this.cache.get(sellerId);
    if (!entry || entry.version !== version) {
      const { context, settings } = await loadSellerContext(this.db, sellerId);
      entry = { version, prepared: this.engine.prepare(context), settings };
      if (this.cache.size >= REMEMBER_AT_MOST) this.cache.clear();
      this.cache.set(sellerId, entry);
    }
    if (customerId === undefined) return { seller: entry.prepared, settings: entry.settings };
    const { customers, certificates } = await loadCustomerContext(this.db, sellerId, customerId);
    if (customers.length === 0 && certificates.length === 0) return { seller: entry.prepared, settings: entry.settings };
    return { seller: withCustomers(entry.prepared, customers, certificates), settings: entry.settings };
  }
}

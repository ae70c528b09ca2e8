/**
 * What the API remembers about sellers between requests (key standing,
 * customers), forgotten the moment a change to that seller is announced
 * (store/changes.ts) by any process. While notifications cannot be heard
 * (the listening connection is down), nothing is remembered and every
 * request reads the database.
 *
 * A value read from the database is kept only if no change to its seller
 * was announced while it was being read, so a change racing a read cannot
 * leave a stale value behind.
 */
import { CHANGES_CHANNEL } from '../store/changes.js';
import type { Store } from '../store/open.js';

const REMEMBER_AT_MOST = 10_000;

export class SellerCache {
  private live = false;
  /** Bumped whenever everything is forgotten, so reads begun before are not kept. */
  private generation = 0;
  private readonly epochs = new Map<string, number>();
  private readonly values = new Map<string, Map<string, unknown>>();
  private size = 0;

  /** Starts hearing changes; until then (and without a store), nothing is remembered. */
  async listen(store: Store): Promise<() => Promise<void>> {
    return store.listen(
      CHANGES_CHANNEL,
      (sellerId) => this.forget(sellerId),
      (live) => {
        this.clear();
        this.live = live;
      },
    ).then((stop) => {
      if (store.kind === 'pglite') this.live = true;
      return stop;
    });
  }

  async get<V>(sellerId: string, key: string, load: () => Promise<V>): Promise<V> {
    const scoped = this.values.get(sellerId);
    if (scoped?.has(key)) return scoped.get(key) as V;
    const epoch = this.epochs.get(sellerId) ?? 0;
    const generation = this.generation;
    const value = await load();
    if (this.live && this.generation === generation && (this.epochs.get(sellerId) ?? 0) === epoch) {
      if (this.size >= REMEMBER_AT_MOST) this.clear();
      let map = this.values.get(sellerId);
      if (!map) this.values.set(sellerId, (map = new Map()));
      if (!map.has(key)) this.size++;
      map.set(key, value);
    }
    return value;
  }

  forget(sellerId: string): void {
    this.epochs.set(sellerId, (this.epochs.get(sellerId) ?? 0) + 1);
    this.size -= this.values.get(sellerId)?.size ?? 0;
    this.values.delete(sellerId);
  }

  private clear(): void {
    this.generation++;
    this.values.clear();
    this.size = 0;
  }
}

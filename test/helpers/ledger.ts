import { expect } from 'vitest';
import type { Db } from '../../src/store/open.js';
import { readSalesByDay, salesByDayFromLedger } from '../../src/store/sales-by-day.repository.js';

/** The daily nexus figures kept with every write equal those summed from the ledger afresh. */
export async function expectAggregatesMatchLedger(db: Db, sellerId: string): Promise<void> {
  const kept = await readSalesByDay(db, sellerId, '2000-01-01', '2100-01-01');
  const fromLedger = await salesByDayFromLedger(db, sellerId);
  const key = (d: { jurisdictionId: string; day: string; marketplace: boolean }) => `${d.jurisdictionId}|${d.day}|${d.marketplace}`;
  const nonzero = kept.filter((d) => d.gross !== 0 || d.transactions !== 0 || d.estimatedTax !== 0 || d.collectedTax !== 0);
  expect(new Map(nonzero.map((d) => [key(d), { ...d }]))).toEqual(new Map(fromLedger.map((d) => [key(d), { ...d }])));
}

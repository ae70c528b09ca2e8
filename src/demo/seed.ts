/**
 * The demo seller: a SaaS company with products mapped to billing price ids,
 * customers (one exempt, one with a resale certificate), registrations in
 * several states and VAT/GST countries, and three years of committed
 * transactions across many states, calculated by the engine like any other,
 * with a few refunds and voids. Seeded once; a second start keeps it.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Engine } from '../engine/load-engine.js';
import type { CalculateRequest, CalculateResponse } from '../engine/schemas.js';
import { refundOf } from '../ledger/refund.js';
import { loadSellerContext, putCustomer, putProduct, putRegistration, updateSettings } from '../store/config.repository.js';
import type { Db } from '../store/open.js';
import { certificates, transactions, transactionVersions } from '../store/schema.js';
import { ensureSeller } from '../store/sellers.repository.js';
import { nexusFactsOf } from '../nexus/facts.js';
import { putEmployees, putPhysicalNexus } from '../store/presence.repository.js';
import { rebuildSalesByDay } from '../store/sales-by-day.repository.js';
import { factColumns } from '../store/transactions.repository.js';

const RESALE = new Set(['cert_resale_tx']);

export const DEMO_SELLER = 'demo';

const PRODUCTS = [
  { id: 'pro-plan', name: 'Pro plan', taxCategory: 'saas.b2b', externalIds: ['price_pro_monthly', 'price_pro_yearly'] },
  { id: 'team-plan', name: 'Team plan', taxCategory: 'saas.b2b', externalIds: ['price_team_monthly'] },
  { id: 'personal-plan', name: 'Personal plan', taxCategory: 'saas.b2c', externalIds: ['price_personal'] },
  { id: 'onboarding', name: 'Onboarding', taxCategory: 'services.professional', externalIds: ['price_onboarding'] },
  { id: 'data-export', name: 'Data export service', taxCategory: 'services.data_processing', externalIds: [] },
  { id: 'desktop-app', name: 'Desktop app licence', taxCategory: 'software.download', externalIds: [] },
  { id: 'hardware-kit', name: 'Hardware kit', taxCategory: 'goods.general', externalIds: ['price_kit'] },
  { id: 'shipping', name: 'Shipping', taxCategory: 'shipping', externalIds: [] },
];

const REGISTRATIONS: Array<[string, string]> = [
  ['US-CA', '2021-01-01'],
  ['US-TX', '2022-03-01'],
  ['US-NY', '2022-07-01'],
  ['US-WA', '2023-01-01'],
  ['US-IL', '2023-04-01'],
  ['US-PA', '2024-01-01'],
  ['GB', '2022-01-01'],
  ['EU-OSS', '2021-07-01'],
  ['CA', '2022-01-01'],
  ['AU', '2023-07-01'],
];

/** Where the demo's customers are: ZIP codes in many states, and a few countries. */
const PLACES: Array<CalculateRequest['customer']['address']> = [
  ...[
    ['CA', '90012'], ['CA', '94105'], ['CA', '92101'], ['TX', '78701'], ['TX', '77002'], ['TX', '75201'], ['NY', '10001'], ['NY', '11201'],
    ['WA', '98101'], ['IL', '60601'], ['PA', '19103'], ['FL', '32202'], ['FL', '33101'], ['GA', '30303'], ['CO', '80202'], ['AZ', '85004'],
    ['MA', '02108'], ['NC', '28202'], ['OH', '43215'], ['TN', '37203'], ['NV', '89101'], ['OR', '97201'], ['MI', '48226'], ['MN', '55401'],
    ['NJ', '07102'], ['VA', '23219'], ['MD', '21202'], ['UT', '84101'], ['IN', '46204'], ['MO', '63101'], ['WI', '53202'], ['CT', '06103'],
    ['OK', '73102'], ['LA', '70112'], ['KY', '40202'], ['SC', '29201'],
  ].map(([region, postalCode]) => ({ region, postalCode, country: 'US' })),
  { country: 'GB', postalCode: 'EC1A 1BB' },
  { country: 'DE', postalCode: '10117' },
  { country: 'FR', postalCode: '75001' },
  { country: 'NL', postalCode: '1012' },
  { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' },
  { country: 'CA', region: 'BC', postalCode: 'V6B 1A1' },
  { country: 'AU', postalCode: '2000' },
];

const CURRENCY: Record<string, string> = { US: 'USD', GB: 'GBP', DE: 'EUR', FR: 'EUR', NL: 'EUR', CA: 'CAD', AU: 'AUD' };

/** A seeded generator, so every demo holds the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface SeedResult {
  created: boolean;
  transactions: number;
}

/** Seeds the demo seller unless it has transactions already. `today` is the last day of its history. */
export async function seedDemo(db: Db, engine: Engine, today: string, perMonth = 60): Promise<SeedResult> {
  await ensureSeller(db, DEMO_SELLER, 'Demo SaaS Inc.');
  const [existing] = await db.select({ n: count() }).from(transactions).where(eq(transactions.sellerId, DEMO_SELLER));
  if (existing && existing.n > 0) return { created: false, transactions: existing.n };

  for (const p of PRODUCTS) await putProduct(db, DEMO_SELLER, p.id, p);
  await updateSettings(db, DEMO_SELLER, { defaultProductId: 'pro-plan', unknownProduct: 'error', addressValidation: 'lenient' });
  for (const [id, effectiveDate] of REGISTRATIONS) await putRegistration(db, DEMO_SELLER, id, { effectiveDate, filingFrequency: 'quarterly' });
  // Where its people are: an office at home in California, and remote employees (one in a state it is not registered in).
  await putPhysicalNexus(db, DEMO_SELLER, 'US-CA', { effectiveDate: shiftYears(today, -3), notes: 'Headquarters, San Francisco' });
  await putEmployees(db, DEMO_SELLER, [
    { id: 'emp_001', name: 'Dana (support)', region: 'TX', country: 'US', startDate: shiftYears(today, -2) },
    { id: 'emp_002', name: 'Sam (sales)', region: 'CO', country: 'US', startDate: shiftDays(today, -200) },
  ]);
  await putCustomer(db, DEMO_SELLER, 'cus_school', { name: 'Lincoln High School', type: 'business', exempt: true, address: { region: 'TX', postalCode: '78701', country: 'US' } });
  await putCustomer(db, DEMO_SELLER, 'cus_reseller', { name: 'Lone Star Resellers LLC', type: 'business', address: { region: 'TX', postalCode: '77002', country: 'US' } });
  await putCustomer(db, DEMO_SELLER, 'cus_acme', { name: 'Acme Corp', type: 'business', address: { region: 'CA', postalCode: '94105', country: 'US' } });
  await putCustomer(db, DEMO_SELLER, 'cus_gmbh', { name: 'Beispiel GmbH', type: 'business', taxIds: [{ type: 'eu_vat', value: 'DE136695976' }], address: { country: 'DE', postalCode: '10117' } });
  await db
    .insert(certificates)
    .values({ sellerId: DEMO_SELLER, id: 'cert_resale_tx', customerId: 'cus_reseller', jurisdictions: ['US-TX'], reason: 'resale', number: 'TX-01-2345678', effectiveDate: '2023-01-01', expirationDate: '2027-12-31' })
    .onConflictDoNothing();

  const { context } = await loadSellerContext(db, DEMO_SELLER);
  const next = random(2026);
  const start = shiftYears(today, -3);
  const rows: Array<{ id: string; request: CalculateRequest; result: CalculateResponse; status: 'committed' | 'voided' | 'uncommitted'; customerId?: string }> = [];
  let n = 0;
  for (let month = monthOf(start); month <= monthOf(today); month = nextMonth(month)) {
    for (let k = 0; k < perMonth; k++) {
      const day = 1 + Math.floor(next() * 28);
      const date = `${month}-${String(day).padStart(2, '0')}`;
      if (date < start || date > today) continue;
      const special = next();
      const customerId = special < 0.03 ? 'cus_school' : special < 0.06 ? 'cus_reseller' : special < 0.08 ? 'cus_gmbh' : undefined;
      const address = customerId === 'cus_school' ? PLACES[3]! : customerId === 'cus_reseller' ? PLACES[4]! : customerId === 'cus_gmbh' ? PLACES[PLACES.length - 6]! : PLACES[Math.floor(next() * PLACES.length)]!;
      const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => {
        const product = PRODUCTS[Math.floor(next() * (PRODUCTS.length - 1))]!;
        return { id: String(i + 1), productId: product.externalIds[0] ?? product.id, amount: 1000 * (5 + Math.floor(next() * 195)) };
      });
      const request: CalculateRequest = {
        date,
        currency: CURRENCY[address.country] ?? 'USD',
        customer: { ...(customerId ? { id: customerId } : {}), type: customerId || next() < 0.7 ? 'business' : 'individual', ...(customerId === 'cus_gmbh' ? { taxIds: [{ type: 'eu_vat', value: 'DE136695976' }] } : {}), address },
        shipFrom: { region: 'CA', postalCode: '94105', country: 'US' },
        lines,
      };
      const seller = customerId
        ? {
            ...context,
            customers: [{ id: 'cus_school', exempt: true }, { id: 'cus_reseller' }, { id: 'cus_gmbh' }],
            certificates: [{ id: 'cert_resale_tx', customerId: 'cus_reseller', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2023-01-01', expirationDate: '2027-12-31' }],
          }
        : context;
      const result = engine.calculate(request, seller);
      const recent = date > shiftDays(today, -3);
      const status = recent && next() < 0.3 ? 'uncommitted' : next() < 0.02 ? 'voided' : 'committed';
      rows.push({ id: `inv_${String(++n).padStart(6, '0')}`, request, result, status, ...(customerId ? { customerId } : {}) });
    }
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await tx.insert(transactions).values(
        chunk.map((r) => ({
          sellerId: DEMO_SELLER,
          id: r.id,
          type: 'sale' as const,
          status: r.status,
          version: 1,
          date: r.result.date,
          currency: r.result.currency,
          customerId: r.customerId ?? null,
          subtotal: r.result.subtotal,
          tax: r.result.tax,
          total: r.result.total,
          ...factColumns(nexusFactsOf(r.result, { resaleCertificateIds: RESALE })),
          committedAt: r.status === 'uncommitted' ? null : new Date(`${r.result.date}T18:00:00Z`),
          voidedAt: r.status === 'voided' ? new Date(`${r.result.date}T19:00:00Z`) : null,
        })),
      );
      await tx.insert(transactionVersions).values(chunk.map((r) => ({ sellerId: DEMO_SELLER, transactionId: r.id, version: 1, request: r.request, result: r.result })));
    }
    // About one sale in forty is refunded, some in part, a few weeks later.
    const refunds = rows.filter((r) => r.status === 'committed').filter((_, i) => i % 40 === 7);
    for (const [i, r] of refunds.entries()) {
      const date = minDate(shiftDays(r.result.date, 20), today);
      const first = r.result.lines[0]!;
      const result = refundOf(r.result, [], { date, lines: i % 2 === 0 ? undefined : [{ id: first.id, amount: Math.max(1, Math.floor(first.amount / 2)) }] });
      const id = `cn_${r.id.slice(4)}`;
      await tx.insert(transactions).values({
        sellerId: DEMO_SELLER, id, type: 'refund', originalId: r.id, status: 'committed', version: 1, date, currency: result.currency,
        customerId: r.customerId ?? null, subtotal: result.subtotal, tax: result.tax, total: result.total, committedAt: new Date(`${date}T18:00:00Z`),
        ...factColumns(nexusFactsOf(result, { resaleCertificateIds: RESALE })),
      });
      await tx.insert(transactionVersions).values({ sellerId: DEMO_SELLER, transactionId: id, version: 1, request: { id, date }, result });
    }
    await rebuildSalesByDay(tx, DEMO_SELLER);
  });
  // Fresh statistics for the planner after a bulk load (the embedded database has no autovacuum).
  await db.execute(sql`analyze`);
  const [after] = await db.select({ n: count() }).from(transactions).where(and(eq(transactions.sellerId, DEMO_SELLER)));
  return { created: true, transactions: after?.n ?? 0 };
}

function monthOf(date: string): string {
  return date.slice(0, 7);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function shiftYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4, 8)}${date.slice(5, 10) === '02-29' ? '28' : date.slice(8)}`;
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

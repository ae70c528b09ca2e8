/**
 * Engine throughput against the npm `sales-tax` package, measured in one run
 * on the same invoices: a mixed set (US states and cities, EU B2C and B2B,
 * Canadian provinces), 1 to 20 lines each. Levy answers every line per
 * jurisdiction, exact to the cent, with rules and references; `sales-tax`
 * answers a country/state rate and a float amount per call, so it is called
 * once per line with the same country, state and amount.
 *
 * Prints invoices per second for both and the ratio. Rounds alternate
 * between the two so that machine noise hits both alike; the median round
 * counts.
 */
import salesTax from 'sales-tax';
import { loadEngine } from '../src/index.js';
import type { CalculateRequest, SellerContext } from '../src/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const INVOICES = 2_000;

interface Destination {
  country: string;
  region?: string;
  postalCode?: string;
  vatId?: { type: string; value: string };
}

const DESTINATIONS: Destination[] = [
  { country: 'US', region: 'TX', postalCode: '78701' },
  { country: 'US', region: 'CA', postalCode: '90012' },
  { country: 'US', region: 'NY', postalCode: '10001' },
  { country: 'US', region: 'WA', postalCode: '98101' },
  { country: 'US', region: 'IL', postalCode: '60601' },
  { country: 'US', region: 'CO', postalCode: '80202' },
  { country: 'US', region: 'FL', postalCode: '32202' },
  { country: 'US', region: 'PA', postalCode: '19103' },
  { country: 'US', region: 'OH', postalCode: '43215' },
  { country: 'US', region: 'MA', postalCode: '02108' },
  { country: 'DE' },
  { country: 'FR' },
  { country: 'IE' },
  { country: 'NL' },
  { country: 'DE', vatId: { type: 'eu_vat', value: 'DE136695976' } },
  { country: 'AT', vatId: { type: 'eu_vat', value: 'ATU13585627' } },
  { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' },
  { country: 'CA', region: 'QC', postalCode: 'H2X 1Y4' },
  { country: 'CA', region: 'BC', postalCode: 'V6B 1A1' },
  { country: 'CA', region: 'AB', postalCode: 'T2P 1J9' },
];

const CATEGORIES = ['saas.b2b', 'saas.b2c', 'software.download', 'digital.goods', 'services.professional', 'goods.general', 'shipping'];

const SELLER: SellerContext = {
  registrations: [
    ...['TX', 'CA', 'NY', 'WA', 'IL', 'CO', 'FL', 'PA', 'OH', 'MA'].map((s) => ({ jurisdictionId: `US-${s}`, effectiveDate: '2020-01-01' })),
    { jurisdictionId: 'EU-OSS', effectiveDate: '2021-07-01' },
    { jurisdictionId: 'CA', effectiveDate: '2020-01-01' },
    { jurisdictionId: 'CA-QC', effectiveDate: '2020-01-01' },
    { jurisdictionId: 'CA-BC', effectiveDate: '2020-01-01' },
  ],
};

/** A small seeded generator, so every run measures the same invoices. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function invoices(): Array<{ request: CalculateRequest; destination: Destination }> {
  const next = random(42);
  return Array.from({ length: INVOICES }, (_, n) => {
    const destination = DESTINATIONS[n % DESTINATIONS.length]!;
    const count = 1 + Math.floor(next() * 20);
    const lines = Array.from({ length: count }, (_, i) => ({
      id: String(i + 1),
      productId: CATEGORIES[Math.floor(next() * CATEGORIES.length)]!,
      amount: 100 + Math.floor(next() * 500_000),
    }));
    const request: CalculateRequest = {
      date: '2026-11-15',
      currency: destination.country === 'US' ? 'USD' : destination.country === 'CA' ? 'CAD' : 'EUR',
      customer: {
        type: destination.vatId ? 'business' : 'individual',
        ...(destination.vatId ? { taxIds: [destination.vatId] } : {}),
        address: { country: destination.country, ...(destination.region ? { region: destination.region } : {}), ...(destination.postalCode ? { postalCode: destination.postalCode } : {}) },
      },
      lines,
    };
    return { request, destination };
  });
}

export async function benchEngine(): Promise<string> {
  const engine = await loadEngine();
  const set = invoices();
  const lineCount = set.reduce((n, s) => n + s.request.lines.length, 0);
  salesTax.setTaxOriginCountry('US');

  // Each round starts from a collected heap, so one side's garbage is not the other's pause.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const levyRound = () => {
    collect();
    const start = process.hrtime.bigint();
    let tax = 0;
    for (const { request } of set) tax += engine.calculate(request, SELLER).tax;
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, checksum: tax };
  };
  const peerRound = async () => {
    collect();
    const start = process.hrtime.bigint();
    let tax = 0;
    for (const { request, destination } of set) {
      for (const line of request.lines) {
        const answer = await salesTax.getAmountWithSalesTax(destination.country, destination.region ?? null, line.amount / 100, destination.vatId?.value);
        tax += answer.total - answer.price;
      }
    }
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, checksum: tax };
  };

  levyRound();
  await peerRound(); // warm-up: JIT and caches, both sides
  const levy: number[] = [];
  const peer: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    levy.push(levyRound().seconds);
    peer.push((await peerRound()).seconds);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const levyRate = set.length / median(levy);
  const peerRate = set.length / median(peer);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  return (
    [
      `engine: ${set.length} invoices (${lineCount} lines; US, EU, Canada; 1-20 lines each), median of ${ROUNDS} rounds`,
      `  levy       ${fmt(levyRate).padStart(10)} invoices/s  ${fmt((levyRate * lineCount) / set.length).padStart(12)} lines/s  (per line and jurisdiction, exact, with rules)`,
      `  sales-tax  ${fmt(peerRate).padStart(10)} invoices/s  ${fmt((peerRate * lineCount) / set.length).padStart(12)} lines/s  (country/state rate per line, floats)`,
      `  ratio      ${(levyRate / peerRate).toFixed(2)}x (levy / sales-tax)`,
    ].join('\n')
  );
}

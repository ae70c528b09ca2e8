/**
 * `npm run bench [engine|http|ledger|backfill ...]`: each benchmark prints
 * Levy's figure beside a baseline measured in the same run, and the ratio.
 * With no name, every benchmark but `backfill` runs: it imports
 * LEVY_BENCH_ROWS rows (1,000,000 by default; 20000 for a quick run) and takes
 * long, so it runs only when named.
 */
import { benchBackfill } from './backfill.bench.js';
import { benchEngine } from './engine.bench.js';
import { benchHttp } from './http.bench.js';
import { benchLedger } from './ledger.bench.js';

const all = { engine: benchEngine, http: benchHttp, ledger: benchLedger, backfill: benchBackfill };
const byDefault: Array<keyof typeof all> = ['engine', 'http', 'ledger'];
const chosen = process.argv.slice(2).filter((name): name is keyof typeof all => name in all);
for (const name of chosen.length > 0 ? chosen : byDefault) {
  process.stdout.write(`${await all[name]()}\n\n`);
}

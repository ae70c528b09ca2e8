/**
 * `npm run bench [engine|http|ledger ...]`: each benchmark prints Levy's
 * figure beside a baseline measured in the same run, and the ratio.
 */
import { benchEngine } from './engine.bench.js';
import { benchHttp } from './http.bench.js';
import { benchLedger } from './ledger.bench.js';

const all = { engine: benchEngine, http: benchHttp, ledger: benchLedger };
const chosen = process.argv.slice(2).filter((name): name is keyof typeof all => name in all);
for (const name of chosen.length > 0 ? chosen : (Object.keys(all) as Array<keyof typeof all>)) {
  process.stdout.write(`${await all[name]()}\n\n`);
}

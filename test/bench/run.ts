// `npm run bench [-- NAME…]`: runs benchmarks on real PostgreSQL and prints JSON lines; results are ratios to a
// baseline measured in the same run, so they compare across machines. Never part of `npm test`.
import { benchImport } from './import';
import { benchLedger } from './ledger';
import { benchRedemption } from './redemption';
import { benchSessions } from './sessions';
import { benchVerify } from './verify';

const BENCHES: Record<string, () => Promise<Record<string, unknown>[]>> = { sessions: benchSessions, import: benchImport, ledger: benchLedger, verify: benchVerify, redemption: benchRedemption };

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  for (const line of await bench()) console.log(JSON.stringify({ bench: name, ...line }));
}
process.exit(0);

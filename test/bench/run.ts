// `npm run bench [-- NAME…]`: runs benchmark scenarios on real PostgreSQL (and Redis) and prints one JSON line per
// scenario — {"scenario","value","unit","baseline","ratio","target","ok"} plus "detail" — each judged against a
// baseline measured in the same run, so the figures compare across machines. Never part of `npm test`.
import type { BenchResult } from './format';
import { benchQrLanding, benchStatic } from './http-pages';
import { benchImport } from './import';
import { benchLedger } from './ledger';
import { benchRedemption } from './redemption';
import { benchSessions } from './sessions';
import { benchVerify } from './verify';
import { benchReads } from './reads';
import { benchPageWeight } from './page-weight';
import { benchReports } from './reports';

const SCENARIOS: Record<string, () => Promise<BenchResult[]>> = {
  qr_landing: benchQrLanding,
  static: benchStatic,
  sessions: benchSessions,
  import: benchImport,
  award: benchLedger,
  verify: benchVerify,
  reads: benchReads,
  page_weight: benchPageWeight,
  redemption: benchRedemption,
  reports: benchReports,
};

/** Other names for a scenario: the ledger bench prints award, award_single and approve_to_balance (award_group was award's old name). */
const ALIASES: Record<string, string> = { ledger: 'award', award_single: 'award', award_group: 'award', approve_to_balance: 'award' };

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-')).map((a) => ALIASES[a] ?? a);
const names = wanted.length ? [...new Set(wanted)] : Object.keys(SCENARIOS);
const unknown = names.filter((n) => !SCENARIOS[n]);
if (unknown.length) {
  console.error(`unknown bench "${unknown.join(', ')}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of names) {
  try {
    for (const line of await SCENARIOS[name]()) console.log(JSON.stringify(line));
  } catch (err) {
    failed = true;
    console.log(JSON.stringify({ scenario: name, value: null, unit: null, baseline: null, ratio: null, target: null, ok: false, detail: { error: String((err as Error)?.message ?? err).slice(-300), cause: String((err as { cause?: unknown })?.cause ?? '').slice(0, 300) } }));
  }
}
process.exit(failed ? 1 : 0);

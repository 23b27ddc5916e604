// Session checks happen on every request: validateSessionToken (join + hash + compare) vs a bare primary-key SELECT.
import postgres from 'postgres';
import { users } from '../../src/db/schema';
import { createSession, validateSessionToken } from '../../src/domain/auth/sessions';
import { withTempDatabase } from './temp-db';

const N = 3000;
const CONCURRENCY = 8;

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

export async function benchSessions() {
  return withTempDatabase(async (database, url) => {
    const [user] = await database.db.insert(users).values({ kind: 'resident', phone: '13800138000' }).returning();
    const tokens = await Promise.all(Array.from({ length: 200 }, () => createSession(database.db, user.id)));
    const raw = postgres(url, { max: 10 });
    const ids = tokens.map((t) => t.id);
    await timed(300, (i) => raw`select * from sessions where id = ${ids[i % ids.length]}`); // warm-up
    const baseline = await timed(N, (i) => raw`select s.*, u.* from sessions s join users u on u.id = s.user_id where s.id = ${ids[i % ids.length]}`);
    const domain = await timed(N, (i) => validateSessionToken(database.db, tokens[i % tokens.length].token, 86400_000));
    await raw.end();
    return [
      { metric: 'baseline_raw_select_per_s', value: Math.round(baseline) },
      { metric: 'validate_session_per_s', value: Math.round(domain) },
      { metric: 'ratio_vs_baseline', value: Number((domain / baseline).toFixed(2)) },
    ];
  });
}

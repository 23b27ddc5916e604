// Session checks happen on every request: validateSessionToken (join + hash + compare) vs a bare primary-key SELECT.
import postgres from 'postgres';
import { users } from '../../src/db/schema';
import { createSession, validateSessionToken } from '../../src/domain/auth/sessions';
import { result, timed as timedOps } from './format';
import { withTempDatabase } from './temp-db';

const N = 3000;
const CONCURRENCY = 8;

const timed = async (n: number, fn: (i: number) => Promise<unknown>) => (await timedOps(n, CONCURRENCY, fn)).perSecond;

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
    const ratio = Number((domain / baseline).toFixed(3));
    return [
      result({
        scenario: 'sessions', value: Math.round(domain), unit: 'validations/s', baseline: Math.round(baseline), ratio,
        target: 'ratio>=0.5', ok: ratio >= 0.5, detail: { concurrency: CONCURRENCY, baseline_is: 'raw session+user join by id' },
      }),
    ];
  });
}

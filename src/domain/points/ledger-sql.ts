// Shared ledger primitives (accounts, locks, transfers, credit lots) used by the points use cases; not a use case itself.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointAccounts, pointTransfers, type PointAccountKind } from '../../db/schema';

export type Transfer = typeof pointTransfers.$inferSelect;

/** drizzle's own (internal) handles: the only way to run raw SQL as a prepared statement. Pinned drizzle-orm 0.45. */
interface DrizzleInternals {
  session: { prepareQuery(q: unknown, fields: undefined, name: string, arrayMode: boolean): { execute(values?: Record<string, unknown>): Promise<unknown> } };
  dialect: { sqlToQuery(q: SQL): unknown };
}

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/**
 * Raw SQL for both drivers (postgres.js returns an array of rows, PGlite `{ rows }`).
 * `prepared`: drizzle runs unnamed queries unprepared, which postgres.js sends as describe, wait, then execute —
 * two round trips per statement. Prepared, a statement costs one round trip once its connection has seen it.
 * Only for SQL whose text is constant (values as parameters): each distinct text is cached per connection.
 */
export async function query<T>(db: DbOrTx, q: SQL, opts: { prepared?: boolean } = {}): Promise<T[]> {
  let r: unknown;
  if (opts.prepared) {
    const d = db as unknown as DrizzleInternals;
    r = await d.session.prepareQuery(d.dialect.sqlToQuery(q), undefined, 'points', false).execute();
  } else {
    r = await db.execute(q);
  }
  return rowsOf<T>(r);
}

/**
 * A hot statement: its SQL text is rendered once (values are sql.placeholder()s) and run prepared, so each call
 * costs neither drizzle's query building nor a describe round trip. The text is the same for postgres.js and PGlite.
 */
export function statement<T>(build: () => SQL): (db: DbOrTx, values: Record<string, unknown>) => Promise<T[]> {
  let rendered: unknown;
  return async (db, values) => {
    const d = db as unknown as DrizzleInternals;
    rendered ??= d.dialect.sqlToQuery(build());
    return rowsOf<T>(await d.session.prepareQuery(rendered, undefined, 'points', false).execute(values));
  };
}

/** ids as one text parameter: binds the same on postgres.js and PGlite (array binding differs between them). */
export const idList = (ids: readonly number[]) => sql`string_to_array(${ids.join(',')}, ',')::bigint[]`;

export interface AccountKey {
  communityId: number;
  kind: PointAccountKind;
  ownerUserId?: number | null;
  period?: string | null;
}

/** The account's id, creating it on first use (a racing creator wins; the loser reads its row). */
export async function ensureAccount(tx: DbOrTx, key: AccountKey): Promise<number> {
  const where = and(
    eq(pointAccounts.communityId, key.communityId),
    eq(pointAccounts.kind, key.kind),
    key.ownerUserId == null ? isNull(pointAccounts.ownerUserId) : eq(pointAccounts.ownerUserId, key.ownerUserId),
    key.period == null ? isNull(pointAccounts.period) : eq(pointAccounts.period, key.period),
  );
  const [found] = await tx.select({ id: pointAccounts.id }).from(pointAccounts).where(where);
  if (found) return found.id;
  const [made] = await tx
    .insert(pointAccounts)
    .values({ communityId: key.communityId, kind: key.kind, ownerUserId: key.ownerUserId ?? null, period: key.period ?? null })
    .onConflictDoNothing()
    .returning({ id: pointAccounts.id });
  if (made) return made.id;
  const [again] = await tx.select({ id: pointAccounts.id }).from(pointAccounts).where(where);
  return again.id;
}

/**
 * Locks accounts in the one global order — residents, holds, budget, fund slices, sinks, then by id — which every use
 * case follows, so two transfers never wait on each other in a cycle. FOR NO KEY UPDATE, not FOR UPDATE: inserting
 * a transfer takes KEY SHARE locks on its accounts (foreign keys), which FOR UPDATE would block. Returns balances by id.
 */
export async function lockAccounts(tx: DbOrTx, ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await query<{ id: number; balance: string | number }>(
    tx,
    sql`select id, balance from ${pointAccounts} where id = any(${idList(ids)})
        order by case kind when 'resident' then 0 when 'hold' then 1 when 'budget' then 2 when 'fund' then 3
                 when 'redemption' then 4 else 5 end, id
        for no key update`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.balance)]));
}

export async function findTransferByKey(tx: DbOrTx, key: string): Promise<Transfer | undefined> {
  const [row] = await tx.select().from(pointTransfers).where(eq(pointTransfers.idempotencyKey, key));
  return row;
}

export async function findTransfer(tx: DbOrTx, id: number): Promise<Transfer | undefined> {
  const [row] = await tx.select().from(pointTransfers).where(eq(pointTransfers.id, id));
  return row;
}

/** Appends a transfer; null when its idempotency key is taken (the caller then returns the existing one). */
export async function insertTransfer(tx: DbOrTx, t: typeof pointTransfers.$inferInsert): Promise<Transfer | null> {
  const [row] = await tx.insert(pointTransfers).values(t).onConflictDoNothing({ target: pointTransfers.idempotencyKey }).returning();
  return row ?? null;
}

/** Moves the cached balances of one transfer. The debit is conditional, so even a missed lock cannot go below zero. */
export async function moveBalances(tx: DbOrTx, fromId: number, toId: number, amount: number): Promise<void> {
  const debited = await query<{ id: number }>(
    tx,
    sql`update ${pointAccounts} set balance = balance - ${amount}::bigint
        where id = ${fromId} and (balance >= ${amount}::bigint or kind = 'budget') returning id`,
  );
  if (!debited.length) throw new Error(`ledger: account ${fromId} cannot cover ${amount}`);
  await tx.execute(sql`update ${pointAccounts} set balance = balance + ${amount}::bigint where id = ${toId}`);
}

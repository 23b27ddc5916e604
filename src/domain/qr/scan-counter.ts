// Scan counts off the request path: each web process adds scans to an in-memory tally per code per local day and
// writes the tally every FLUSH_MS in one batched upsert. Before this, every scan upserted the same qr_scan_daily row,
// so a lobby full of phones queued behind one row lock and one fsync'd commit each.
// At risk on a crash (kill -9, power loss): at most the last FLUSH_MS of counts of that process; a clean shutdown
// (SIGTERM) flushes. A failed write keeps the tally and retries on the next tick.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { dayIn } from './record-scan';

export const FLUSH_MS = 2000;

export class ScanCounter {
  private tally = new Map<string, number>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DbOrTx,
    private readonly timeZone: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Counts one scan now (synchronous: nothing waits on the database). */
  add(qrCodeId: number, at: Date = new Date()): void {
    const key = `${qrCodeId}|${dayIn(this.timeZone, at)}`;
    this.tally.set(key, (this.tally.get(key) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(this.onError), FLUSH_MS);
      this.timer.unref(); // a pending flush never keeps a process alive; shutdown calls flush() itself
    }
  }

  /** Writes every pending count (one statement); resolves when they are stored. Safe to call at any time. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // One write at a time: a flush that starts while one is running waits for it, then writes what came since.
    while (this.flushing) await this.flushing.catch(() => {});
    if (!this.tally.size) return;
    const batch = this.tally;
    this.tally = new Map();
    this.flushing = this.write(batch);
    try {
      await this.flushing;
    } catch (err) {
      // Keep the counts for the next attempt (one entry per code and day: bounded by the number of codes).
      for (const [k, n] of batch) this.tally.set(k, (this.tally.get(k) ?? 0) + n);
      if (!this.timer) {
        this.timer = setTimeout(() => void this.flush().catch(this.onError), FLUSH_MS);
        this.timer.unref();
      }
      throw err;
    } finally {
      this.flushing = null;
    }
  }

  /** Counts not yet written (tests, and the shutdown log). */
  pending(): number {
    let n = 0;
    for (const v of this.tally.values()) n += v;
    return n;
  }

  private async write(batch: Map<string, number>): Promise<void> {
    const ids: number[] = [];
    const days: string[] = [];
    const counts: number[] = [];
    for (const [key, n] of batch) {
      const [id, day] = key.split('|');
      ids.push(Number(id));
      days.push(day);
      counts.push(n);
    }
    // Arrays as text literals: the same statement on postgres.js and PGlite. A code deleted meanwhile is skipped (join).
    await this.db.execute(sql`
      insert into qr_scan_daily (qr_code_id, day, scans)
      select b.id, b.day, b.n
        from unnest(${`{${ids.join(',')}}`}::int[], ${`{${days.join(',')}}`}::date[], ${`{${counts.join(',')}}`}::int[]) as b(id, day, n)
        join qr_codes q on q.id = b.id
      on conflict (qr_code_id, day) do update set scans = qr_scan_daily.scans + excluded.scans`);
  }
}

// One counter per app instance (not per module), like the scan cache: tests that build several apps never share one.
const counters = new WeakMap<object, ScanCounter>();

export function scanCounter(deps: { db: DbOrTx; config: { DISPLAY_TZ: string }; logger: { warn(obj: object, msg: string): void } }): ScanCounter {
  let counter = counters.get(deps);
  if (!counter) {
    counter = new ScanCounter(deps.db, deps.config.DISPLAY_TZ, (err) => deps.logger.warn({ err }, 'qr scan counts not written yet; retrying'));
    counters.set(deps, counter);
  }
  return counter;
}

/** Shutdown and tests: writes this app's pending counts now. */
export async function flushScanCounts(deps: object): Promise<void> {
  await counters.get(deps)?.flush();
}

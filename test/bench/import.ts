// Import of 1,000 places from CSV (preview + confirm through the domain functions) vs one plain multi-row INSERT of the same rows.
import postgres from 'postgres';
import type { Db } from '../../src/db/client';
import { communities, grids, users } from '../../src/db/schema';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import { confirmImport } from '../../src/domain/csv/confirm-import';
import { previewImport } from '../../src/domain/csv/preview-import';
import { result } from './format';
import { withTempDatabase } from './temp-db';

const RUNS = 3;

/** 20 × (courtyard + checkpoint + 8 buildings × (1 + 5 units)) = 1,000 rows, parents before children as people write them. */
function placesCsv(gridCodes: string[]) {
  const lines = ['地点编号,名称,类型,上级编号,网格编码,楼层,单元数'];
  for (let c = 1; c <= 20; c++) {
    lines.push(`cy${c},第${c}院落,院落,,,,`);
    lines.push(`cy${c}-cp,第${c}院落北门,巡逻点,cy${c},,,`);
    for (let b = 1; b <= 8; b++) {
      lines.push(`cy${c}-b${b},${b}栋,楼栋,cy${c},${gridCodes[(c * 8 + b) % gridCodes.length]},6,5`);
      for (let u = 1; u <= 5; u++) lines.push(`cy${c}-b${b}-u${u},${u}单元,单元,cy${c}-b${b},,6,`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

async function setup(db: Db, n: number) {
  const code = String(900000000000 + n);
  const [community] = await db.insert(communities).values({ code, name: `压测社区${n}` }).returning();
  const gridRows = await db
    .insert(grids)
    .values(Array.from({ length: 10 }, (_, i) => ({ communityId: community.id, code: `${code}${String(i + 1).padStart(3, '0')}`, name: `网格${i + 1}` })))
    .returning();
  const [user] = await db.insert(users).values({ kind: 'staff', username: `bench.${n}`, displayName: 'bench' }).returning();
  const scope: StaffScope = [{ communityId: community.id, communityName: community.name, role: 'community_admin', gridIds: null }];
  return { community, gridCodes: gridRows.map((g) => g.code), user, scope };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchImport() {
  return withTempDatabase(async (database, url) => {
    const db = database.db;
    const raw = postgres(url, { max: 1, onnotice: () => {} });
    const domain: number[] = [];
    const baseline: number[] = [];
    let rows = 0;
    for (let run = 0; run <= RUNS; run++) {
      const s = await setup(db, run * 2);
      const bytes = new TextEncoder().encode(placesCsv(s.gridCodes));
      const started = performance.now();
      const preview = await previewImport(db, { actorId: s.user.id, scope: s.scope, communityId: s.community.id, entity: 'places', fileName: 'bench.csv', bytes });
      if (preview.errors.length || !preview.batchId) throw new Error(`bench CSV has errors: ${JSON.stringify(preview.errors.slice(0, 3))}`);
      const done = await confirmImport(db, { actorId: s.user.id, scope: s.scope, batchId: preview.batchId });
      const ms = performance.now() - started;
      if (!done.ok || done.created !== 1000) throw new Error('bench import did not write 1000 rows');
      rows = done.created;

      // Baseline: the same 1,000 rows in one INSERT, no parsing, checks or parent resolution — the floor for this work.
      const b = await setup(db, run * 2 + 1);
      const plain = placesCsv(b.gridCodes).trim().split('\r\n').slice(1).map((line) => {
        const [key, name, kind, , , floors, units] = line.split(',');
        return { community_id: b.community.id, key, name, kind, floors: floors ? Number(floors) : null, units: units ? Number(units) : null };
      });
      const t0 = performance.now();
      await raw`insert into places ${raw(plain)}`;
      const baseMs = performance.now() - t0;
      if (run > 0) {
        domain.push(ms);
        baseline.push(baseMs);
      }
    }
    await raw.end();
    const d = median(domain);
    const base = median(baseline);
    // A duration: the ratio is how many times the plain insert it takes (lower is better); the target is absolute.
    return [
      result({
        scenario: 'import', value: Number(d.toFixed(1)), unit: 'ms per 1,000 places', baseline: Number(base.toFixed(1)),
        target: 'value_ms<5000', ok: d < 5000, detail: { rows, baseline_is: 'one multi-row INSERT of the same rows' },
      }),
    ];
  });
}

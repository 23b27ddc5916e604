// Generates synthetic residents (demo data and benchmarks): unique 199xxxxxxxx phones, Chinese names, homes spread over units.
import { and, eq, like, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, places, users } from '../../db/schema';
import { mulberry32 } from '../random/mulberry32';

const PREFIX = '199';
const COUNTER_SPACE = 100_000_000; // 8 digits after the prefix
/** Rows per INSERT: three text parameters per batch whatever its size, so only statement size bounds it. */
const BATCH = 20_000;

// Roughly ordered by frequency and repeated so common surnames come up more often.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周'.repeat(4),
  ...'徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'.repeat(2),
  ...'彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彩春菊辉鹏建国志文斌浩宇欣怡子涵梓轩晨阳佳琪思远雨婷博文俊杰',
];

export interface GenerateResult {
  count: number;
  firstPhone: string | null;
  lastPhone: string | null;
}

export async function generateResidents(db: Db, opts: { communityId: number; count: number; seed?: number }): Promise<GenerateResult> {
  const { communityId, count } = opts;
  if (!Number.isInteger(count) || count < 0) throw new Error(`居民数量无效 / invalid resident count: ${count}`);
  if (count === 0) return { count: 0, firstPhone: null, lastPhone: null };
  const [community] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, communityId));
  if (!community) throw new Error(`社区不存在 / no community with id ${communityId}`);
  const rand = mulberry32(opts.seed ?? Math.floor(Math.random() * 2 ** 32));
  const homes = await homePlaces(db, communityId);

  return db.transaction(async (tx) => {
    // Continue after the highest generated phone so a second run (or another community) never collides.
    const [row] = await tx.select({ m: max(users.phone) }).from(users).where(like(users.phone, `${PREFIX}%`));
    const start = row?.m ? Number(row.m.slice(PREFIX.length)) + 1 : 0;
    if (start + count > COUNTER_SPACE) throw new Error(`199 号段已用尽 / synthetic phone range exhausted (${start} + ${count})`);

    for (let done = 0; done < count; done += BATCH) {
      const n = Math.min(BATCH, count - done);
      const phones: string[] = new Array(n);
      const names: string[] = new Array(n);
      const homeIds: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        phones[i] = PREFIX + String(start + done + i).padStart(8, '0');
        names[i] = chineseName(rand);
        homeIds[i] = homes.length ? String(homes[Math.floor(rand() * homes.length)]) : '';
      }
      // Comma-joined text + string_to_array behaves the same on postgres.js and PGlite, unlike driver-specific array binding.
      await tx.execute(sql`
        insert into ${users} (kind, phone, display_name, home_place_id)
        select 'resident', t.phone, t.name, t.home::int
        from unnest(
          string_to_array(${phones.join(',')}, ','),
          string_to_array(${names.join(',')}, ','),
          string_to_array(${homeIds.join(',')}, ',', '')
        ) as t(phone, name, home)`);
    }
    const last = PREFIX + String(start + count - 1).padStart(8, '0');
    return { count, firstPhone: PREFIX + String(start).padStart(8, '0'), lastPhone: last };
  });
}

/** Units if the community has them, else buildings: residents live somewhere a building head can find them. */
async function homePlaces(db: Db, communityId: number): Promise<number[]> {
  for (const kind of ['unit', 'building'] as const) {
    const rows = await db
      .select({ id: places.id })
      .from(places)
      .where(and(eq(places.communityId, communityId), eq(places.kind, kind)))
      .orderBy(places.id);
    if (rows.length) return rows.map((r) => r.id);
  }
  return [];
}

function chineseName(rand: () => number): string {
  const pick = (chars: string[]) => chars[Math.floor(rand() * chars.length)];
  // About a third of given names are a single character (王芳), the rest two (王子涵).
  return pick(SURNAMES) + pick(GIVEN) + (rand() < 0.35 ? '' : pick(GIVEN));
}


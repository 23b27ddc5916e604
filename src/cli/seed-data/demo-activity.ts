// A lived-in last month for the demo community (清源社区): tips in every status and tier, police-related ones, public
// wishes (one with a helper accepted and the wish fulfilled), awards with explained ledger entries, a dispute settled
// by mediation at tier 1, replies and notifications. Demo flag only (seedDemo's `activity` option).
//
// Everything goes through the real use cases (submitReport, verifySubmission, the console actions, awardPoints, the
// wish and resident actions) with `now` set to the moment it "happened", so ledger invariants, audit rows and
// notifications are what the product itself would have written. Rows whose timestamp a use case leaves to the
// database default (timeline events, inbox messages, audit rows, offers) are stamped afterwards with the moment of the
// step that wrote them (id ranges recorded between steps). Overdue items are escalated by the SLA rule itself
// (applyEscalation, as the every-minute job would have done at the deadline).
//
// Deterministic: a seeded RNG and fixed offsets from `now` (local days in Asia/Shanghai). Idempotent: a community that
// already has any item is left alone.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { auditLog, communities, departmentRequests, departments, jobOutbox, notifications, places, pointAwardRequests, qrCodes, submissionEvents, submissions, users, wishOffers } from '../../db/schema';
import { loadStaffScope, type StaffScope } from '../../domain/auth/staff-scope';
import { AppError } from '../../domain/errors';
import { acceptItem } from '../../domain/console/accept-item';
import { itemRules } from '../../domain/console/accept-item-page';
import { claimItem } from '../../domain/console/claim-item';
import { decideAwardRequest } from '../../domain/console/decide-award-request';
import { applyEscalation, escalateItem, TOP_TIER } from '../../domain/console/escalate-item';
import { markDuplicate } from '../../domain/console/mark-duplicate';
import { recordDepartmentAnswer } from '../../domain/console/record-department-answer';
import { rejectItem } from '../../domain/console/reject-item';
import { replyToItem } from '../../domain/console/reply-to-item';
import { resolveItem } from '../../domain/console/resolve-item';
import { routeToDepartment } from '../../domain/console/route-to-department';
import { settleByMediation } from '../../domain/console/settle-by-mediation';
import { generateResidents } from '../../domain/places/generate-residents';
import { awardPoints } from '../../domain/points/award-points';
import { localClock } from '../../domain/points/clock';
import { currentRuleSet, type LoadedRuleSet } from '../../domain/rules/current-rule-set';
import { rateSubmission } from '../../domain/submissions/rate-submission';
import { reopenSubmission } from '../../domain/submissions/reopen-submission';
import { FINAL_STATUSES } from '../../domain/submissions/status';
import { submitReport } from '../../domain/submissions/submit-report';
import { verifySubmission } from '../../domain/verification/verify-submission';
import { acceptOffer } from '../../domain/wishes/accept-offer';
import { confirmFulfilment } from '../../domain/wishes/confirm-fulfilment';
import { offerToFulfil } from '../../domain/wishes/offer-to-fulfil';
import { mulberry32 } from '../../domain/random/mulberry32';

export const DEMO_COMMUNITY_CODE = '510105017003';
const TZ = 'Asia/Shanghai';
const HOUR = 3600_000;
const MINUTE = 60_000;
/** Residents the story needs (authors, a mediator, helpers); generated if the community has fewer. */
const CAST = 34;

export interface DemoActivityResult {
  /** False when the community already had items (nothing was written). */
  seeded: boolean;
  items: number;
  /** A resident with a history (items, points, a fulfilled wish, inbox): sign in with this number to see it. */
  showcase: { phone: string; name: string } | null;
}

/** When a step happened: `daysAgo` local days before today at `hour` local time, or `hoursAgo` before now. */
type When = { daysAgo: number; hour: number } | { hoursAgo: number };

interface Resident {
  id: number;
  phone: string;
  name: string;
}

interface Staff {
  id: number;
  name: string;
  scope: StaffScope;
}


/** The resident with the most (non-anonymous) items in the demo community, for the start banner. */
export async function demoShowcaseResident(db: Db): Promise<{ phone: string; name: string } | null> {
  const [row] = await db
    .select({ phone: users.phone, name: users.displayName })
    .from(submissions)
    .innerJoin(communities, and(eq(communities.id, submissions.communityId), eq(communities.code, DEMO_COMMUNITY_CODE)))
    .innerJoin(users, eq(users.id, submissions.authorUserId))
    .where(and(eq(submissions.anonymous, false), isNotNull(users.phone)))
    .groupBy(users.id, users.phone, users.displayName)
    .orderBy(desc(count()), asc(users.id))
    .limit(1);
  return row ? { phone: row.phone!, name: row.name } : null;
}

export async function seedDemoActivity(database: Database, opts: { now?: Date; seed?: number } = {}): Promise<DemoActivityResult> {
  const db = database.db;
  const realNow = opts.now ?? new Date();
  const rand = mulberry32(opts.seed ?? 2026);
  const [community] = await db.select({ id: communities.id }).from(communities).where(eq(communities.code, DEMO_COMMUNITY_CODE));
  if (!community) return { seeded: false, items: 0, showcase: null };
  const communityId = community.id;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(submissions).where(eq(submissions.communityId, communityId));
  if (Number(existing.n) > 0) return { seeded: false, items: 0, showcase: await demoShowcaseResident(db) };

  // ---- the cast -------------------------------------------------------------------------------------------------
  const communityPlaces = db.select({ id: places.id }).from(places).where(eq(places.communityId, communityId));
  const loadResidents = () =>
    db
      .select({ id: users.id, phone: users.phone, name: users.displayName })
      .from(users)
      .where(and(eq(users.kind, 'resident'), inArray(users.homePlaceId, communityPlaces)))
      .orderBy(asc(users.id))
      .limit(CAST);
  let cast = await loadResidents();
  if (cast.length < CAST) {
    await generateResidents(db, { communityId, count: CAST - cast.length, seed: opts.seed ?? 2026 });
    cast = await loadResidents();
  }
  const R: Resident[] = cast.map((r) => ({ id: r.id, phone: r.phone!, name: r.name }));

  const staffRows = await db.select({ id: users.id, username: users.username, name: users.displayName }).from(users).where(eq(users.kind, 'staff'));
  const staff = new Map<string, Staff>();
  for (const s of staffRows) {
    const scope = (await loadStaffScope(db, s.id)).filter((r) => r.communityId === communityId);
    if (scope.length && s.username) staff.set(s.username, { id: s.id, name: s.name, scope });
  }
  const person = (username: string): Staff => {
    const s = staff.get(username);
    if (!s) throw new Error(`demo activity: staff ${username} missing from the demo community`);
    return s;
  };
  const covering = (role: 'grid_worker' | 'grid_leader', gridId: number | null): Staff => {
    for (const s of staff.values()) if (s.scope.some((r) => r.role === role && r.gridIds !== null && gridId !== null && r.gridIds.includes(gridId))) return s;
    return person('admin');
  };

  const qrs = await db
    .select({ id: qrCodes.id, key: qrCodes.key, placeId: qrCodes.placeId, qrGrid: qrCodes.gridId, placeGrid: places.gridId })
    .from(qrCodes)
    .leftJoin(places, eq(places.id, qrCodes.placeId))
    .where(and(eq(qrCodes.communityId, communityId), eq(qrCodes.purpose, 'report')));
  const qrByKey = new Map(qrs.map((q) => [q.key, q]));
  const depts = new Map((await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.communityId, communityId))).map((d) => [d.name, d.id]));
  const ruleSet: LoadedRuleSet = await currentRuleSet(db, communityId, realNow, TZ);
  const rules = await itemRules(db, ruleSet.id);

  // ---- the clock and the stamps -----------------------------------------------------------------------------------
  const today = localClock(realNow, TZ).dayStart.getTime();
  const jitter = () => Math.floor(rand() * 40) * MINUTE;
  const at = (w: When): Date => {
    const t = 'hoursAgo' in w ? realNow.getTime() - w.hoursAgo * HOUR : today - w.daysAgo * 24 * HOUR + w.hour * HOUR + jitter();
    return new Date(Math.min(t, realNow.getTime() - 5 * MINUTE));
  };
  const maxIds = async () => {
    const [row] = await db
      .select({
        events: sql<number>`(select coalesce(max(id), 0) from ${submissionEvents})`,
        notes: sql<number>`(select coalesce(max(id), 0) from ${notifications})`,
        audits: sql<number>`(select coalesce(max(id), 0) from ${auditLog})`,
        offers: sql<number>`(select coalesce(max(id), 0) from ${wishOffers})`,
      })
      .from(sql`(select 1) as one`);
    return { events: Number(row.events), notes: Number(row.notes), audits: Number(row.audits), offers: Number(row.offers) };
  };
  type Marks = Awaited<ReturnType<typeof maxIds>>;
  const stamps: { from: Marks; to: Marks; at: Date }[] = [];
  let mark = await maxIds();
  const doneJobs: number[] = [];
  /** Runs one step "at" a moment and remembers which rows it wrote, to stamp them with that moment. */
  async function step<T>(when: Date, run: () => Promise<T>): Promise<T> {
    const result = await run();
    const to = await maxIds();
    stamps.push({ from: mark, to, at: when });
    mark = to;
    return result;
  }

  // ---- the SLA rule: overdue items go up one tier at their deadline (as submission.escalate-overdue would) ---------
  const lastTouched = new Map<number, number>();
  // No open item (below tier 3) is due before this: most steps need no query. Lowered when an item is filed or
  // reopened, recomputed after each sweep that looked.
  let dueBound = Number.POSITIVE_INFINITY;
  async function sweepUntil(until: Date) {
    while (until.getTime() > dueBound) {
      const due = await db
        .select({ id: submissions.id, communityId: submissions.communityId, trackingNo: submissions.trackingNo, authorUserId: submissions.authorUserId, tier: submissions.tier, slaDueAt: submissions.slaDueAt })
        .from(submissions)
        .where(and(eq(submissions.communityId, communityId), lt(submissions.tier, TOP_TIER), notInArray(submissions.status, [...FINAL_STATUSES])))
        .orderBy(asc(submissions.slaDueAt))
        .limit(20);
      // Never before the item's latest step (a reopened item's old deadline is met at the reopening).
      const whens = due.map((d) => ({ d, when: Math.max(d.slaDueAt!.getTime(), lastTouched.get(d.id) ?? 0) + MINUTE }));
      const next = whens.sort((a, b) => a.when - b.when)[0];
      dueBound = next ? next.when - 1 : Number.POSITIVE_INFINITY;
      if (!next || next.when >= until.getTime()) return;
      const when = new Date(next.when);
      await step(when, () => db.transaction((tx) => applyEscalation(tx, next.d, { rules, now: when, actorUserId: null, reason: null, overdueAt: when })));
    }
  }

  // ---- one item's story ---------------------------------------------------------------------------------------------
  let filedCount = 0;
  async function file(o: { when: When; by: Resident; qr: string; category: string; text: string; anonymous?: boolean; publicWish?: boolean }) {
    const q = qrByKey.get(o.qr);
    if (!q) throw new Error(`demo activity: QR ${o.qr} missing`);
    const category = ruleSet.body.categories.find((c) => c.key === o.category);
    if (!category) throw new Error(`demo activity: category ${o.category} missing`);
    const filedAt = at(o.when);
    const gridId = q.qrGrid ?? q.placeGrid ?? null;
    await sweepUntil(filedAt);
    const filed = await step(filedAt, () =>
      submitReport(db, {
        userId: o.by.id, token: `demo-activity-${++filedCount}`, communityId, qrCodeId: q.id, gridId, ruleSet, timeZone: TZ, now: filedAt,
        data: {
          kind: category.kind, category, description: o.text, placeId: q.placeId, anonymous: o.anonymous ?? false, contactPref: 'in_app',
          latitude: null, longitude: null, publicWish: o.publicWish ?? false,
        },
      }),
    );
    if (filed.outboxId) doneJobs.push(filed.outboxId);
    dueBound = Math.min(dueBound, filedAt.getTime());
    const id = filed.submissionId;
    const trackingNo = filed.trackingNo;
    const worker = covering('grid_worker', gridId);
    const leader = covering('grid_leader', gridId);
    // The version every staff form carries (the item page hands it out), read afresh for each step.
    const version = async () => String((await db.select({ v: submissions.version }).from(submissions).where(eq(submissions.id, id)))[0].v);
    const after = (hours: number) => new Date(Math.min(filedAt.getTime() + hours * HOUR, realNow.getTime() - MINUTE));
    /** A staff action at `hours` after filing, by `who` (default: the grid's worker). */
    const act = async <T>(hours: number, run: (now: Date) => Promise<T>): Promise<T> => {
      const now = after(hours);
      await sweepUntil(now);
      const r = await step(now, () => run(now));
      lastTouched.set(id, now.getTime());
      return r;
    };
    const base = async (who: Staff, now: Date) => ({ rawId: String(id), actorUserId: who.id, now, timeZone: TZ, form: { version: await version() } });
    const item = {
      id,
      trackingNo,
      worker,
      leader,
      // The verify job runs a minute after filing.
      verify: () => act(1 / 60, (now) => verifySubmission(db, { submissionId: id, now })),
      claim: (h: number, who = worker) => act(h, async (now) => claimItem(db, who.scope, { ...(await base(who, now)), actorName: who.name })),
      reply: (h: number, body: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return replyToItem(db, who.scope, { ...b, form: { ...b.form, body, visibility: 'public' } }); }),
      note: (h: number, body: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return replyToItem(db, who.scope, { ...b, form: { ...b.form, body, visibility: 'private' } }); }),
      accept: (h: number, o2: { amount?: number; reason?: string; reply?: string } = {}, who = worker) =>
        act(h, async (now) => {
          const b = await base(who, now);
          const amount = String(o2.amount ?? (await db.select({ p: submissions.suggestedPoints }).from(submissions).where(eq(submissions.id, id)))[0].p ?? category.default);
          return acceptItem(db, who.scope, { ...b, form: { ...b.form, amount, reason: o2.reason ?? '', reply: o2.reply ?? '' } });
        }),
      approve: (h: number, who = leader) =>
        act(h, async (now) => {
          const [req] = await db.select({ id: pointAwardRequests.id }).from(pointAwardRequests).where(and(eq(pointAwardRequests.status, 'pending'), sql`${pointAwardRequests.input} -> 'contribution' ->> 'submissionId' = ${String(id)}`));
          return decideAwardRequest(db, who.scope, { rawId: String(req.id), decision: 'approve', form: { reason: '' }, actorUserId: who.id, now, timeZone: TZ });
        }),
      resolve: (h: number, answer: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return resolveItem(db, who.scope, { ...b, form: { ...b.form, answer } }); }),
      reject: (h: number, reason: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return rejectItem(db, who.scope, { ...b, form: { ...b.form, reason } }); }),
      route: (h: number, department: string, note: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return routeToDepartment(db, who.scope, { ...b, form: { ...b.form, department: String(depts.get(department)), note } }); }),
      departmentAnswer: (h: number, answer: string, who = worker) =>
        act(h, async (now) => {
          const b = await base(who, now);
          const [req] = await db
            .select({ id: departmentRequests.id })
            .from(departmentRequests)
            .where(and(eq(departmentRequests.submissionId, id), isNull(departmentRequests.answeredAt)))
            .orderBy(asc(departmentRequests.id))
            .limit(1);
          return recordDepartmentAnswer(db, who.scope, { ...b, form: { ...b.form, request: String(req.id), answer } });
        }),
      escalate: (h: number, reason: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return escalateItem(db, who.scope, { ...b, form: { ...b.form, reason } }); }),
      duplicateOf: (h: number, originalNo: string, who = worker) =>
        act(h, async (now) => { const b = await base(who, now); return markDuplicate(db, who.scope, { ...b, form: { ...b.form, original: originalNo } }); }),
      mediate: (h: number, o2: { outcome: string; tier?: 1 | 2 | 3; mediator: Resident | Staff }, who = worker) =>
        act(h, async (now) => {
          const b = await base(who, now);
          const m: Record<string, string> = 'phone' in o2.mediator ? { mediatorKind: 'resident', phone: o2.mediator.phone } : { mediatorKind: 'staff', staffId: String(o2.mediator.id) };
          return settleByMediation(db, who.scope, { ...b, form: { ...b.form, outcome: o2.outcome, tier: o2.tier ? String(o2.tier) : '', ...m } });
        }),
      /** The author rates the answer; the outcome bonus job (queued in the same transaction) runs a minute later. */
      rate: async (h: number, rating: number, comment: string) => {
        const rated = await act(h, (now) => rateSubmission(db, { userId: o.by.id, trackingNo, form: { rating: String(rating), comment }, now }));
        if (rated.outboxId) {
          doneJobs.push(rated.outboxId);
          const [job] = await db.select({ payload: jobOutbox.payload }).from(jobOutbox).where(eq(jobOutbox.id, rated.outboxId));
          await act(h + 1 / 60, (now) => awardPoints(db, { ...(job.payload as Parameters<typeof awardPoints>[1]), now }).catch(refusalIsAnAnswer));
        }
      },
      reopen: async (h: number, reason: string) => {
        await act(h, (now) => reopenSubmission(db, { userId: o.by.id, trackingNo, form: { reason }, now }));
        dueBound = Number.NEGATIVE_INFINITY;
      },
      offer: (h: number, helper: Resident, note: string) =>
        act(h, (_now) => offerToFulfil(db, { rawWishId: String(id), helperUserId: helper.id, note })),
      acceptOffer: (h: number, helper: Resident, who = worker) =>
        act(h, async (now) => acceptOffer(db, who.scope, { rawOfferId: await offerOf(helper), actorUserId: who.id, now })),
      fulfil: (h: number, helper: Resident, who = worker) =>
        act(h, async (now) => confirmFulfilment(db, who.scope, { rawOfferId: await offerOf(helper), actorUserId: who.id, now })),
    };
    const offerOf = async (helper: Resident) =>
      String((await db.select({ id: wishOffers.id }).from(wishOffers).where(and(eq(wishOffers.submissionId, id), eq(wishOffers.helperUserId, helper.id))))[0].id);
    await item.verify();
    return item;
  }

  const police = person('police.liu');
  const police2 = person('police.wang');
  const admin = person('admin');
  const [showcase, ...others] = R;
  const r = (i: number) => others[i];
  const mediatorVolunteer = r(4);

  // ---- the month --------------------------------------------------------------------------------------------------
  // 清波小区: the showcase resident's fire hazard, answered the same evening, rated, bonus paid.
  const a1 = await file({ when: { daysAgo: 26, hour: 19 }, by: showcase, qr: 'cy1-b2-lobby', category: 'tip.fire_hazard', text: '2栋2单元一楼有人从窗户拉电线给电瓶车充电,电线就搭在楼梯扶手上,晚上很多人经过。' });
  await a1.claim(0.5);
  await a1.reply(1, '您好,您反映的情况已收到,我今晚就上门查看。');
  await a1.accept(13, { reply: '经核实属实,已约谈车主并拆除飞线,感谢您的提醒!' });
  await a1.resolve(14, '飞线已拆除,楼道已张贴禁止飞线充电的提示,物业每周巡查一次。');
  await a1.rate(40, 5, '处理得很快,谢谢网格员!');

  const b1 = await file({ when: { daysAgo: 28, hour: 10 }, by: r(0), qr: 'cy2-b1-lobby', category: 'tip.fire_hazard', text: '东苑1栋电梯里经常有人推电瓶车上楼,电梯里一股焦味,担心出事。' });
  await b1.claim(1);
  await b1.accept(3);
  await b1.resolve(6, '物业已在电梯加装电瓶车识别阻车装置,并在大堂张贴告知。');
  await b1.rate(20, 4, '装了阻车器,好多了。');

  const b2 = await file({ when: { daysAgo: 27, hour: 8 }, by: r(1), qr: 'cy3-b2-lobby', category: 'tip.safety_hazard', text: '西苑2栋门口的井盖松动了,踩上去会翘起来,早上有老人差点摔倒。' });
  await b2.accept(2);
  await b2.route(2.5, '城市管理', '井盖松动,请尽快更换固定');
  await b2.departmentAnswer(18, '城管中队已更换井盖并加固。');
  await b2.resolve(19, '井盖已更换加固,感谢您及时反映。');
  await b2.rate(30, 5, '');

  // Police-related, anonymous: a case clue above the second-approval threshold, approved by the grid leader.
  const b3 = await file({ when: { daysAgo: 25, hour: 21 }, by: r(2), anonymous: true, qr: 'cy5-b1-lobby', category: 'tip.case_clue', text: '最近晚上经常有两个陌生男子在车棚里转悠,撬过电瓶车的锁,前天看到他们骑走了一辆蓝色电瓶车。' });
  await b3.reply(2, '您提供的线索已转交社区民警和派出所核实,请注意保护自身安全,相关情况请勿对外透露。', police);
  await b3.accept(4, { amount: 300, reason: '线索具体,协助派出所抓获盗窃嫌疑人' });
  await b3.approve(6);
  await b3.resolve(20, '派出所已抓获两名盗窃嫌疑人,追回电瓶车 3 辆,感谢您的线索。', police);
  await b3.rate(44, 5, '');

  // A neighbours' dispute settled by a resident mediator at tier 1 (the "42 / 4 / 0" statistic), mediator credited.
  const b4 = await file({ when: { daysAgo: 23, hour: 20 }, by: r(3), qr: 'cy4-b2-lobby', category: 'tip.dispute', text: '楼上住户每天晚上十一点以后还在拖家具、跳绳,说过两次没有用,现在两家见面都不说话了。' });
  await b4.claim(1);
  await b4.note(2, '已约楼栋长和调解志愿者明晚一起上门。');
  await b4.mediate(20, { outcome: '在楼栋长和调解志愿者见证下双方协商一致:晚上十点后不做运动,楼上加铺隔音地垫。', tier: 1, mediator: mediatorVolunteer });
  await b4.rate(30, 5, '调解员很耐心,谢谢!');

  const b6 = await file({ when: { daysAgo: 22, hour: 9 }, by: r(5), qr: 'cy2-b4-lobby', category: 'tip.fire_hazard', text: '东苑4栋后面的消防通道被几辆私家车长期堵住,消防车根本开不进来。' });
  const b7 = await file({ when: { daysAgo: 22, hour: 12 }, by: r(6), qr: 'cy2-b4-lobby', category: 'tip.fire_hazard', text: '4栋后面消防通道又被私家车堵住了,消防车开不进来。' });
  await b6.accept(2);
  await b7.duplicateOf(2, b6.trackingNo);
  await b6.resolve(6, '已联系车主挪车,物业在通道口加装了隔离桩和禁停标识。');

  const b25a = await file({ when: { daysAgo: 24, hour: 15 }, by: r(7), qr: 'cy6-b2-lobby', category: 'tip.fire_hazard', text: '清悦苑2栋楼道里堆了好几桶油漆和稀释剂,味道很大,怕着火。' });
  await b25a.accept(2);
  await b25a.resolve(4, '装修户已将油漆搬回室内,物业已提醒装修期间不得在楼道堆放易燃物。');
  await b25a.rate(10, 4, '');

  // Police-related group rental: escalated by hand to the community and then to the police station; still open.
  const b8 = await file({ when: { daysAgo: 20, hour: 18 }, by: r(8), qr: 'cy7-b1-lobby', category: 'tip.group_rental', text: '7栋1单元502好像被隔成了七八个小间出租,每天进出很多陌生人,晚上很吵。' });
  await b8.claim(2);
  await b8.escalate(6, '涉及群租和治安隐患,需社区联合派出所处理');
  await b8.escalate(30, '房东拒不配合,需派出所上门核查');
  await b8.reply(50, '民警已上门核查,正在督促房东限期整改。', police2);
  await b8.accept(52, { reply: '线索属实,感谢您的反映。' });

  const b25b = await file({ when: { daysAgo: 21, hour: 7 }, by: r(9), qr: 'cy8-b1-lobby', category: 'tip.safety_hazard', text: '二期1栋门口的台阶破了一大块,下雨天特别滑。' });
  await b25b.accept(3);
  await b25b.resolve(10, '物业已修补台阶并铺设防滑条。');

  const b9 = await file({ when: { daysAgo: 18, hour: 10 }, by: r(10), qr: 'cy8-b2-lobby', category: 'tip.suspicious', text: '有人自称燃气公司的,挨家挨户敲门说要换阀门,收费两百,看着不像正规人员。' });
  await b9.reply(1, '已向燃气公司核实,近期没有上门收费换阀门的安排,请勿开门付款。', police);
  await b9.accept(2);
  await b9.resolve(3, '民警已到场处置,各楼栋已张贴防骗提示。');
  await b9.rate(8, 5, '');

  const b10 = await file({ when: { daysAgo: 17, hour: 11 }, by: r(11), qr: 'cy1-b4-lobby', category: 'tip.safety_hazard', text: '4栋旁边围了一圈铁皮,不知道在干什么,感觉不安全。' });
  await b10.reject(3, '经现场查看,该处是物业正常的管网施工,已设置警示标志和夜间警示灯,不属于安全隐患。');

  const b30 = await file({ when: { daysAgo: 16, hour: 16 }, by: r(12), qr: 'cy7-b2-lobby', category: 'wish.facility', text: '苏坡新居一期2栋旁边的健身器材坏了两台,扶手松了,孩子玩很危险。' });
  await b30.route(3, '街道办事处', '健身器材报修');
  await b30.departmentAnswer(40, '街道已安排厂家维修,配件下周到。');
  await b30.resolve(80, '两台健身器材已修好,街道已安排每月巡检。');

  // A dispute escalated to the community and settled there by a staff mediator.
  const b5 = await file({ when: { daysAgo: 15, hour: 19 }, by: r(13), qr: 'cy6-b3-lobby', category: 'tip.dispute', text: '单元楼下的车位被隔壁单元的人长期占用,物业不管,昨晚双方差点动手。' });
  await b5.claim(1);
  await b5.escalate(5, '涉及物业管理责任,需社区出面协调');
  await b5.mediate(40, { outcome: '社区组织业主、物业三方协商:车位按产权登记使用,物业增设临时车位。', mediator: admin });

  // Keyboard mash: the verify job refuses it by itself.
  await file({ when: { daysAgo: 14, hour: 22 }, by: r(14), qr: 'cy3-b5-lobby', category: 'tip.safety_hazard', text: '啊啊啊啊啊啊啊啊' });

  // A public wish: the showcase resident offers help, the worker accepts, the wish is fulfilled and the helper paid.
  const b12 = await file({ when: { daysAgo: 13, hour: 9 }, by: r(15), qr: 'cy5-b3-lobby', category: 'wish.elderly_care', publicWish: true, text: '我家楼下独居的王婆婆腿脚不便,想找邻居每周帮她买一次菜。' });
  await b12.offer(3, showcase, '我每周六上午去菜市场,可以顺便帮王婆婆带菜。');
  await b12.offer(4, r(16), '周末有空可以帮忙。');
  await b12.acceptOffer(5, showcase);
  await b12.fulfil(21, showcase);
  await b12.rate(30, 5, '谢谢热心的邻居!');

  const b31 = await file({ when: { daysAgo: 11, hour: 14 }, by: r(17), qr: 'cy2-b3-lobby', category: 'tip.fire_hazard', text: '东苑3栋18楼的消防栓箱里水带不见了,箱门也关不上。' });
  await b31.accept(2);
  await b31.resolve(6, '物业已补齐水带并修好箱门。');
  await b31.rate(12, 5, '');

  // Resolved, then reopened by the resident: back in progress.
  const b22 = await file({ when: { daysAgo: 10, hour: 8 }, by: r(18), qr: 'cy6-b4-lobby', category: 'tip.safety_hazard', text: '清悦苑4栋电梯经常卡在三楼,门打不开,里面的人出不来。' });
  await b22.accept(2);
  await b22.resolve(8, '物业已维修电梯门机,已恢复正常。');
  await b22.reopen(72, '电梯昨天又卡住了,问题没有解决。');

  // Showcase resident's wish: routed to the property company, answered, resolved (past the first deadline: tier 2).
  const a2 = await file({ when: { daysAgo: 9, hour: 8 }, by: showcase, qr: 'cy1-b1-lobby', category: 'wish.facility', text: '1栋门口的路灯坏了一个多星期,晚上老人出门看不清台阶,希望尽快修好。' });
  await a2.route(3, '物业公司', '请物业三日内更换灯具');
  await a2.departmentAnswer(30, '物业已更换灯具。');
  await a2.resolve(31, '路灯已修好,物业已检查了院里其他路灯。');
  await a2.rate(50, 4, '修好了,谢谢。');

  const b23 = await file({ when: { daysAgo: 8, hour: 10 }, by: r(19), qr: 'cy3-b6-lobby', category: 'tip.population_info', text: '3栋601最近搬来了新住户,好像是出租的,没有看到登记。' });
  await b23.claim(1);
  await b23.accept(2);
  await b23.resolve(5, '已上门登记出租屋和住户信息,谢谢您的配合。', police2);

  const b26 = await file({ when: { daysAgo: 8, hour: 17 }, by: r(20), qr: 'cy7-b4-lobby', category: 'wish.elderly_care', publicWish: true, text: '希望有志愿者每周陪独居的李爷爷聊聊天,他最近情绪不太好。' });
  await b26.offer(6, r(21), '我退休在家,每周二、四下午可以去陪李爷爷。');
  await b26.acceptOffer(10, r(21));

  // In progress after a department's answer; overdue twice, so the SLA rule took it to tier 3.
  const b24 = await file({ when: { daysAgo: 7, hour: 9 }, by: r(22), qr: 'cy4-b1-lobby', category: 'tip.safety_hazard', text: '南苑1栋外墙瓷砖脱落,有一块砸在了自行车棚顶上。' });
  await b24.accept(1);
  await b24.route(2, '物业公司', '外墙瓷砖脱落,请先拉警戒线');
  await b24.departmentAnswer(20, '物业已拉警戒线,维修需等施工队,预计下周进场。');

  const b25c = await file({ when: { daysAgo: 5, hour: 10 }, by: r(1), qr: 'cy3-b2-lobby', category: 'tip.safety_hazard', text: '2栋楼顶有几户把花盆放在外窗台上,风大的时候有掉落危险。' });
  await b25c.accept(2);
  await b25c.resolve(3, '已逐户提醒,花盆都已移回室内。');

  const b15 = await file({ when: { daysAgo: 5, hour: 15 }, by: r(23), qr: 'cy2-b2-lobby', category: 'wish.environment', publicWish: true, text: '东苑2栋后面的绿化带里堆了很多装修垃圾,希望能组织清理一下。' });
  await b15.reply(4, '已联系物业,本周六组织志愿者一起清理,欢迎邻居们参加。');

  // The showcase resident's open item: accepted, sent to 城市管理, answered, in progress at tier 2.
  const a3 = await file({ when: { daysAgo: 4, hour: 20 }, by: showcase, qr: 'cy1-b3-lobby', category: 'tip.safety_hazard', text: '3栋楼顶的广告牌被风吹松了,一边已经翘起来,下面就是小区主干道。' });
  await a3.claim(1);
  await a3.accept(2, { reply: '情况属实,已通知城管和产权单位。' });
  await a3.route(3, '城市管理', '需要高空作业车加固广告牌');
  await a3.departmentAnswer(50, '城管已联系产权单位,周末安排高空作业车加固。');

  const b13 = await file({ when: { daysAgo: 3, hour: 10 }, by: r(24), qr: 'cy6-b1-lobby', category: 'wish.neighbour_help', publicWish: true, text: '周末想找会修自行车的邻居帮忙看看孩子的车,刹车不灵了。' });
  await b13.offer(4, r(25), '我会修,周六下午在6栋楼下等你。');

  // A police-related case clue waiting for the grid leader's approval (above 200 points).
  const b21 = await file({ when: { daysAgo: 2, hour: 9 }, by: r(26), qr: 'cy2-b5-lobby', category: 'tip.case_clue', text: '有人在小区业主群里发"低价代办社保"的链接,好几位老人已经转了钱。' });
  await b21.reply(1, '已上报社区民警,请提醒家中老人不要再转账。', police);
  await b21.accept(3, { amount: 250, reason: '涉及多名老人被骗,线索价值高' });

  const b14 = await file({ when: { daysAgo: 2, hour: 14 }, by: r(27), qr: 'cy4-b3-lobby', category: 'wish.public_service', text: '想了解一下老年人高龄补贴怎么申请,需要带什么材料?' });
  await b14.resolve(4, '80 岁以上老人可到社区服务中心申请高龄补贴,请带身份证、户口本和银行卡,工作日上午办理。');

  // Today's work: an accepted item, one at a department, and new items nobody has touched yet.
  const b16 = await file({ when: { hoursAgo: 20 }, by: r(28), qr: 'cy7-b3-lobby', category: 'tip.fire_hazard', text: '7栋3单元楼道堆满了纸箱和旧家具,堵住了半边楼梯。' });
  await b16.claim(1);
  await b16.accept(2);
  const b17 = await file({ when: { hoursAgo: 30 }, by: r(29), qr: 'cy8-b3-lobby', category: 'tip.safety_hazard', text: '苏坡新居二期3栋的单元门禁坏了,谁都能进来。' });
  await b17.route(2, '物业公司', '门禁维修');
  await file({ when: { hoursAgo: 10 }, by: r(30), qr: 'cy1-b1-lobby', category: 'wish.neighbour_help', publicWish: true, text: '家里老人想学用智能手机视频通话,有没有年轻人周末能教一教?' });
  await file({ when: { hoursAgo: 6 }, by: r(31), anonymous: true, qr: 'cy5-b4-lobby', category: 'tip.suspicious', text: '最近有辆没挂牌照的面包车晚上经常停在清溪苑门口,车里一直有人。' });
  await file({ when: { hoursAgo: 3 }, by: r(32), qr: 'cy1-b5-lobby', category: 'tip.fire_hazard', text: '5栋地下室有人私拉电线给电动车充电,插线板就放在地上。' });

  // The SLA rule up to now, so the first minute after start escalates nothing the month already owed.
  await sweepUntil(realNow);

  // ---- stamps, read messages, finished jobs ---------------------------------------------------------------------------
  await applyStamps(db, stamps);
  await db.execute(sql`
    update ${submissions} s set updated_at = greatest(s.created_at, coalesce((select max(e.created_at) from ${submissionEvents} e where e.submission_id = s.id), s.created_at))
    where s.community_id = ${communityId}`);
  // Older messages have been read; the last two days' are waiting (the unread count in the navigation).
  await db
    .update(notifications)
    .set({ readAt: sql`${notifications.createdAt} + interval '3 hours'` })
    .where(and(inArray(notifications.userId, R.map((x) => x.id)), lt(notifications.createdAt, new Date(realNow.getTime() - 48 * HOUR))));
  if (doneJobs.length) {
    await db.update(jobOutbox).set({ status: 'done', attempts: 1, completedAt: realNow }).where(inArray(jobOutbox.id, doneJobs));
  }
  return { seeded: true, items: filedCount, showcase: { phone: showcase.phone, name: showcase.name } };
}

/** A business refusal of an award (a cap, no base award) is an answer, as in the points.award job. */
function refusalIsAnAnswer(err: unknown): null {
  if (err instanceof AppError && err.status < 500) return null;
  throw err;
}

async function applyStamps(db: Db, stamps: { from: Record<'events' | 'notes' | 'audits' | 'offers', number>; to: Record<'events' | 'notes' | 'audits' | 'offers', number>; at: Date }[]) {
  const tables: [keyof (typeof stamps)[number]['from'], string, string][] = [
    ['events', 'submission_events', 'created_at'],
    ['notes', 'notifications', 'created_at'],
    ['audits', 'audit_log', 'at'],
    ['offers', 'wish_offers', 'created_at'],
  ];
  for (const [k, table, column] of tables) {
    const ranges = stamps.filter((s) => s.to[k] > s.from[k]);
    if (!ranges.length) continue;
    const values: SQL = sql.join(
      ranges.map((s) => sql`(${s.from[k]}::bigint, ${s.to[k]}::bigint, ${s.at.toISOString()}::timestamptz)`),
      sql`, `,
    );
    await db.execute(sql`update ${sql.identifier(table)} t set ${sql.identifier(column)} = w.at from (values ${values}) as w(lo, hi, at) where t.id > w.lo and t.id <= w.hi`);
  }
}

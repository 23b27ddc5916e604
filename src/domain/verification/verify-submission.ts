// First check of a new tip or wish: refuse obvious abuse (garbage text, too many items in an hour) with a public
// explanation and no points; otherwise move it to 待审核, route it to the police when its category or wording calls
// for it, set the resolve deadline, the suggested points (the category's default) and a probable duplicate (column +
// private note). Running it twice changes nothing the second time: only an item still in 已受理/核实中 is touched.
//
// Two statements and no transaction of ours: one read (the item, the author's items in the hour before it, its rule
// set unless cached, the duplicate candidates) and one write (the item, its timeline event, the author's inbox
// message, the duplicate note — atomic as one statement) that applies only if the item is still the version read.
// Should it have changed meanwhile, it is read and judged again. A dozen round trips and a commit per item were most
// of a verify job's cost (npm run bench -- verify).
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { SubmissionStatus } from '../../db/schema';
import { translator } from '../../i18n/messages';
import { channelsNeedTransaction, handToChannels } from '../notifications/notify';
import { statement } from '../points/ledger-sql';
import { knownRuleSetStamps, ruleSetBodyFromRead } from '../rules/rule-set-body';
import { mentionsPolice } from '../submissions/police-keywords';
import { resolveDue } from '../submissions/status';
import { garbageReason, normaliseForMatching } from './garbage-text';
import { bestDuplicate, duplicateCandidatesSql } from './probable-duplicate';
import { itemsInHourBeforeSql, MAX_ITEMS_PER_HOUR } from './resident-burst';

/** Stored on the item (submissions.auto_refusal): a code, shown to staff through the catalogue. */
export type AutoRefusal = 'garbage' | 'too_many';

export type VerifyResult =
  | { moved: false }
  | { moved: true; refused: AutoRefusal; detail: string }
  | { moved: true; policeRelated: boolean; duplicateOf: string | null; suggestedPoints: number | null };

// Written into the item's public timeline at job time; residents read Chinese (the stored text is what they see).
const zh = translator('zh-CN');

/** A racing change to the item between the read and the write is judged again; more than a few in a row is absurd. */
const MAX_ATTEMPTS = 5;

export async function verifySubmission(db: Db, input: { submissionId: number; now: Date }): Promise<VerifyResult> {
  for (let attempt = 1; ; attempt++) {
    // With outside channels on, the inbox row and its delivery job commit together (see handToChannels).
    const r = channelsNeedTransaction() ? await db.transaction((tx) => verifyOnce(tx, input)) : await verifyOnce(db, input);
    if (r !== 'changed') return r;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`verify: submission ${input.submissionId} kept changing under verification`);
  }
}

interface ItemRow {
  id: number;
  status: SubmissionStatus;
  version: number;
  tracking_no: string;
  author_user_id: number;
  category_key: string;
  rule_set_id: number | null;
  description: string | null;
  police_related: boolean;
  sla_due_ms: number | null;
  created_ms: number;
  burst: string | number;
  rs_stamp: string | null;
  rs_body: string | null;
  candidates: string;
}

const P = sql.placeholder;

const readItem = statement<ItemRow>(
  () => sql`select s.id, s.status, s.version, s.tracking_no, s.author_user_id, s.category_key, s.rule_set_id, s.description, s.police_related,
      (extract(epoch from s.sla_due_at) * 1000)::float8 as sla_due_ms, (extract(epoch from s.created_at) * 1000)::float8 as created_ms,
      ${itemsInHourBeforeSql} as burst,
      rs.created_at::text as rs_stamp,
      case when rs.created_at::text = (${P('known')}::text::jsonb ->> rs.id::text) then null else rs.body::text end as rs_body,
      case when s.status in ('received', 'verifying') then ${duplicateCandidatesSql(sql`${P('now')}::timestamptz`)} else '[]' end as candidates
    from submissions s left join rule_sets rs on rs.id = s.rule_set_id
    where s.id = ${P('id')}::int`,
);

/**
 * The item's change, its public status event, the author's inbox message and, when given, the private duplicate note
 * — each only if the guarded update matched: the item still the version read. The event and the inbox row are what
 * recordStatusChange and notify() write, inlined into this statement (as the award write inlines recordAudit); the
 * inbox row then goes to the outside channels through notify's own handToChannels.
 */
const writeSql = (set: ReturnType<typeof sql>) => sql`with u as (
      update submissions set ${set}, updated_at = ${P('now')}::timestamptz, version = version + 1
      where id = ${P('id')}::int and version = ${P('version')}::int and status in ('received', 'verifying')
      returning id
    ), e as (
      insert into submission_events (submission_id, kind, from_status, to_status, body, public, actor_user_id)
      select id, 'status', ${P('from')}::text, ${P('to')}::text, ${P('body')}::text, true, null from u
    ), n as (
      insert into notifications (user_id, kind, title, body, link)
      select ${P('author')}::int, 'status.' || ${P('to')}::text, ${P('trackingNo')}::text, coalesce(${P('body')}::text, ''),
             '/me/submissions/' || ${P('trackingNo')}::text
      from u
      returning id
    ), d as (
      insert into submission_events (submission_id, kind, body, public, actor_user_id)
      select id, 'note', ${P('note')}::text, false, null from u where ${P('note')}::text is not null
    )
    select (select id from n) as notification_id`;
const refuseItem = statement<{ notification_id: string | number | null }>(() =>
  writeSql(sql`status = 'rejected', auto_refusal = ${P('refusal')}::text`),
);
const passItem = statement<{ notification_id: string | number | null }>(() =>
  writeSql(sql`status = 'pending_review', police_related = ${P('police')}::boolean, sla_due_at = ${P('sla')}::timestamptz,
    suggested_points = ${P('suggested')}::int, probable_duplicate_of_id = ${P('dup')}::int, probable_duplicate_score = ${P('score')}::float8`),
);

async function verifyOnce(db: DbOrTx, input: { submissionId: number; now: Date }): Promise<VerifyResult | 'changed'> {
  const [item] = await readItem(db, { id: input.submissionId, known: knownRuleSetStamps(), now: input.now.toISOString() });
  if (!item || !['received', 'verifying'].includes(item.status)) return { moved: false };
  const same = {
    id: item.id, version: item.version, now: input.now.toISOString(), from: item.status, author: item.author_user_id, trackingNo: item.tracking_no,
  };
  const written = async (rows: { notification_id: string | number | null }[]) => {
    const id = rows[0]?.notification_id;
    if (id == null) return false;
    await handToChannels(db, Number(id));
    return true;
  };

  const text = normaliseForMatching(item.description ?? '');
  const garbage = garbageReason(text);
  const refused: AutoRefusal | null = garbage ? 'garbage' : Number(item.burst) >= MAX_ITEMS_PER_HOUR ? 'too_many' : null;
  if (refused) {
    const body = zh(`verification.refusal.${refused}`, { max: MAX_ITEMS_PER_HOUR });
    if (!(await written(await refuseItem(db, { ...same, to: 'rejected', body, note: null, refusal: refused })))) return 'changed';
    return { moved: true, refused, detail: garbage ?? `>${MAX_ITEMS_PER_HOUR}/h` };
  }

  const rules =
    item.rule_set_id === null || item.rs_stamp === null
      ? null
      : await ruleSetBodyFromRead(db, item.rule_set_id, item.rs_stamp, item.rs_body);
  const category = rules?.categories.find((c) => c.key === item.category_key);
  const policeRelated = item.police_related || category?.police === true || mentionsPolice(text);
  const slaDueAt = item.sla_due_ms !== null ? new Date(item.sla_due_ms) : rules ? resolveDue(rules, new Date(item.created_ms), 1) : null;
  const suggestedPoints = category?.default ?? null;
  const duplicate = bestDuplicate(item.description, item.candidates);
  const values = {
    ...same, to: 'pending_review', body: null, police: policeRelated, sla: slaDueAt?.toISOString() ?? null, suggested: suggestedPoints,
    dup: duplicate?.id ?? null, score: duplicate ? Number(duplicate.score.toFixed(4)) : null,
    note: duplicate ? zh('verification.duplicateNote', { no: duplicate.trackingNo, score: duplicate.score.toFixed(2) }) : null,
  };
  if (!(await written(await passItem(db, values)))) return 'changed';
  return { moved: true, policeRelated, duplicateOf: duplicate?.trackingNo ?? null, suggestedPoints };
}

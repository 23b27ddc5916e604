// Console actions that involve points, tiers and mediation: /staff/items/:id/{accept,duplicate,escalate,mediate} and
// /staff/approvals. Each form is its own htmx target and works without JavaScript; a refused form comes back with
// the values kept, on a stale page with the item's latest state.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { acceptItem } from '../domain/console/accept-item';
import { acceptItemPage, type ActionItem } from '../domain/console/accept-item-page';
import { decideAwardRequest } from '../domain/console/decide-award-request';
import { escalateItem, escalateItemPage } from '../domain/console/escalate-item';
import { ITEM_STAFF_ROLES } from '../domain/console/item-access';
import { APPROVER_ROLES, listAwardRequests } from '../domain/console/list-award-requests';
import { markDuplicate, markDuplicatePage } from '../domain/console/mark-duplicate';
import { settleByMediation } from '../domain/console/settle-by-mediation';
import { settleByMediationPage } from '../domain/console/settle-by-mediation-page';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import type { Child } from 'hono/jsx';
import { AcceptBox, AcceptPage } from '../../views/pages/staff/accept';
import { DoneBox, ItemSummary, tierLabel, type ActionForm } from '../../views/pages/staff/accept-summary';
import { ApprovalsPage, type RowForm } from '../../views/pages/staff/approvals';
import { DuplicateBox, DuplicatePage } from '../../views/pages/staff/duplicate';
import { EscalateBox, EscalatePage } from '../../views/pages/staff/escalate';
import { MediateBox, MediatePage } from '../../views/pages/staff/mediate';
import { fmtTime } from '../../views/pages/me/format';
import type { FormFailure } from './render';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const staffActionsRoutes = new Hono<AppEnv>();
for (const action of ['accept', 'duplicate', 'escalate', 'mediate']) staffActionsRoutes.use(`/staff/items/:id/${action}`, requireStaff(ITEM_STAFF_ROLES));
staffActionsRoutes.use('/staff/approvals', requireStaff(APPROVER_ROLES));
staffActionsRoutes.use('/staff/approvals/*', requireStaff(APPROVER_ROLES));

const who = (c: Context<AppEnv>) => ({ rawId: c.req.param('id')!, actorUserId: c.var.user!.id, ip: clientIp(c), timeZone: c.var.deps.config.DISPLAY_TZ });

/** The form as posted (kept on refusal) — except on a stale page, which gets the item's current version. */
function keptForm(form: Record<string, string>, r: FormFailure, version: number): ActionForm {
  const stale = r.status === 409;
  return { values: { ...form, version: stale ? String(version) : (form.version ?? '') }, fields: r.fields, formError: r.formError };
}

/** A page = summary + box; an htmx post gets the box alone. */
function show(c: Context<AppEnv>, title: string, page: Child, box: Child, status?: number) {
  return render(c, { title, body: page, partial: box, status });
}

/** A done box under the item's summary; htmx gets the box and the summary out of band, so both show the new state. */
function showDone(c: Context<AppEnv>, title: string, item: ActionItem, box: Child) {
  const v = viewCtx(c);
  return show(c, title, <><ItemSummary v={v} item={item} title={title} />{box}</>, <>{box}<ItemSummary v={v} item={item} title={title} oob /></>);
}

// --- 采纳并发放积分 ---
staffActionsRoutes.get('/staff/items/:id/accept', async (c) => {
  const data = await acceptItemPage(c.var.deps.db, c.var.staffScope, c.req.param('id'));
  const form = { values: { version: String(data.item.version), amount: data.suggested === null ? '' : String(data.suggested) } };
  return render(c, { title: c.var.t('act.accept.title'), body: <AcceptPage v={viewCtx(c)} data={data} form={form} /> });
});

staffActionsRoutes.post('/staff/items/:id/accept', async (c) => {
  const form = await formBody(c);
  const r = await tryForm(c, () => acceptItem(c.var.deps.db, c.var.staffScope, { ...who(c), form }));
  const data = await acceptItemPage(c.var.deps.db, c.var.staffScope, c.req.param('id'));
  const v = viewCtx(c);
  const title = c.var.t('act.accept.title');
  if (r.ok) {
    const o = r.value;
    const line = o.outcome === 'paid' ? v.t('act.accept.donePaid', { n: o.amount }) : o.outcome === 'pending' ? v.t('act.accept.donePending', { n: o.amount }) : v.t('act.accept.doneCapped');
    const box = <DoneBox v={v} box="accept-box" itemId={data.item.id} lines={[line]} />;
    return showDone(c, title, data.item, box);
  }
  const kept = keptForm(form, r, data.item.version);
  return show(c, title, <AcceptPage v={v} data={data} form={kept} />, <AcceptBox v={v} data={data} form={kept} />, r.status);
});

// --- 标记为重复 ---
const duplicateData = (c: Context<AppEnv>) => markDuplicatePage(c.var.deps.db, c.var.staffScope, c.req.param('id')!);

staffActionsRoutes.get('/staff/items/:id/duplicate', async (c) => {
  const data = await duplicateData(c);
  const form = { values: { version: String(data.item.version), original: data.probableNo } };
  return render(c, { title: c.var.t('act.dup.title'), body: <DuplicatePage v={viewCtx(c)} data={data} form={form} /> });
});

staffActionsRoutes.post('/staff/items/:id/duplicate', async (c) => {
  const form = await formBody(c);
  const r = await tryForm(c, () => markDuplicate(c.var.deps.db, c.var.staffScope, { ...who(c), form }));
  const data = await duplicateData(c);
  const v = viewCtx(c);
  const title = c.var.t('act.dup.title');
  if (r.ok) {
    const { credit } = r.value;
    const lines = [v.t('act.dup.done', { no: r.value.originalTrackingNo }), ...(credit.credited === true ? [v.t('act.dup.credited', { n: credit.amount })] : [])];
    const box = <DoneBox v={v} box="duplicate-box" itemId={data.item.id} lines={lines} warn={credit.credited === true ? undefined : credit.why} />;
    return showDone(c, title, data.item, box);
  }
  const kept = keptForm(form, r, data.item.version);
  return show(c, title, <DuplicatePage v={v} data={data} form={kept} />, <DuplicateBox v={v} data={data} form={kept} />, r.status);
});

// --- 升级处理 ---
const escalateData = (c: Context<AppEnv>) => escalateItemPage(c.var.deps.db, c.var.staffScope, c.req.param('id')!);

staffActionsRoutes.get('/staff/items/:id/escalate', async (c) => {
  const data = await escalateData(c);
  const form = { values: { version: String(data.item.version) } };
  return render(c, { title: c.var.t('act.esc.title'), body: <EscalatePage v={viewCtx(c)} data={data} form={form} /> });
});

staffActionsRoutes.post('/staff/items/:id/escalate', async (c) => {
  const form = await formBody(c);
  const r = await tryForm(c, () => escalateItem(c.var.deps.db, c.var.staffScope, { ...who(c), form }));
  const data = await escalateData(c);
  const v = viewCtx(c);
  const title = c.var.t('act.esc.title');
  if (r.ok) {
    const line = v.t('act.esc.done', { tier: tierLabel(v, r.value.tier), due: fmtTime(v, r.value.slaDueAt) });
    const box = <DoneBox v={v} box="escalate-box" itemId={data.item.id} lines={[line]} />;
    return showDone(c, title, data.item, box);
  }
  const kept = keptForm(form, r, data.item.version);
  return show(c, title, <EscalatePage v={v} data={data} form={kept} />, <EscalateBox v={v} data={data} form={kept} />, r.status);
});

// --- 调解化解 ---
staffActionsRoutes.get('/staff/items/:id/mediate', async (c) => {
  const data = await settleByMediationPage(c.var.deps.db, c.var.staffScope, c.req.param('id'));
  const form = { values: { version: String(data.item.version), tier: String(data.item.tier), mediatorKind: 'staff' } };
  return render(c, { title: c.var.t('act.med.title'), body: <MediatePage v={viewCtx(c)} data={data} form={form} /> });
});

staffActionsRoutes.post('/staff/items/:id/mediate', async (c) => {
  const form = await formBody(c);
  const r = await tryForm(c, () => settleByMediation(c.var.deps.db, c.var.staffScope, { ...who(c), form }));
  const data = await settleByMediationPage(c.var.deps.db, c.var.staffScope, c.req.param('id'));
  const v = viewCtx(c);
  const title = c.var.t('act.med.title');
  if (r.ok) {
    const { credit } = r.value;
    const lines = [v.t('act.med.done', { tier: tierLabel(v, r.value.tier) }), ...(credit.credited === true ? [v.t('act.med.credited', { n: credit.amount })] : [])];
    const box = <DoneBox v={v} box="mediate-box" itemId={data.item.id} lines={lines} warn={credit.credited === true ? undefined : credit.why} />;
    return showDone(c, title, data.item, box);
  }
  const kept = keptForm(form, r, data.item.version);
  return show(c, title, <MediatePage v={v} data={data} form={kept} />, <MediateBox v={v} data={data} form={kept} />, r.status);
});

// --- 积分审批 ---
const DONE = { approved: 'act.approvals.approved', rejected: 'act.approvals.rejected' } as const;
const CAP_LABELS = { day: 'act.cap.day', month: 'act.cap.month', shift: 'act.cap.shift', activity_day: 'act.cap.activity_day' } as const;

async function approvalsPage(c: Context<AppEnv>, opts: { form?: RowForm; status?: number } = {}) {
  const rows = await listAwardRequests(c.var.deps.db, c.var.staffScope, c.var.user!.id);
  const done = c.req.query('done');
  const n = c.req.query('n') ?? '';
  let notice = !opts.form && done && Object.hasOwn(DONE, done) ? c.var.t(DONE[done as keyof typeof DONE], { n: /^\d{1,7}$/.test(n) ? n : '' }) : undefined;
  const req = c.req.query('req') ?? '';
  const cap = c.req.query('cap') ?? '';
  if (notice && done === 'approved' && /^\d{1,7}$/.test(req) && Object.hasOwn(CAP_LABELS, cap)) {
    notice += c.var.t('act.approvals.capped', { req, cap: c.var.t(CAP_LABELS[cap as keyof typeof CAP_LABELS]) });
  }
  // An anonymous author's award: no amounts in the address or the notice (they would tell the author's totals).
  if (!opts.form && done === 'approved-discreet') notice = c.var.t(c.req.query('capped') === '1' ? 'act.approvals.approvedCapped' : 'act.approvals.approvedDiscreet');
  const body = <ApprovalsPage v={viewCtx(c)} rows={rows} notice={notice} form={opts.form} />;
  return render(c, { title: c.var.t('act.approvals.title'), body, status: opts.status });
}

staffActionsRoutes.get('/staff/approvals', (c) => approvalsPage(c));

for (const decision of ['approve', 'reject'] as const) {
  staffActionsRoutes.post(`/staff/approvals/:id/${decision}`, async (c) => {
    const form = await formBody(c);
    const r = await tryForm(c, () => decideAwardRequest(c.var.deps.db, c.var.staffScope, { ...who(c), decision, form }));
    if (r.ok) {
      const d = r.value;
      if (d.decision === 'approve' && d.discreet) return redirectTo(c, `/staff/approvals?done=approved-discreet${d.capped ? '&capped=1' : ''}`);
      const capped = d.decision === 'approve' && d.cappedBy ? `&req=${d.requested}&cap=${d.cappedBy}` : '';
      return redirectTo(c, `/staff/approvals?done=${decision === 'approve' ? 'approved' : 'rejected'}&n=${d.amount}${capped}`);
    }
    return approvalsPage(c, { form: { id: Number(c.req.param('id')), values: form, fields: r.fields, formError: r.formError }, status: r.status });
  });
}

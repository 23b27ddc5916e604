// /staff/items/:id: the staff item page and its non-points actions (claim, assign, reply/note, resolve, reject, reopen,
// route, department answer, bulk answer). Out of scope → 404; a stale page → 409 with the page re-rendered fresh.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { assignItem } from '../domain/console/assign-item';
import { bulkAnswer } from '../domain/console/bulk-answer';
import { claimItem } from '../domain/console/claim-item';
import { getItemForStaff } from '../domain/console/get-item-for-staff';
import { ITEM_STAFF_ROLES } from '../domain/console/item-access';
import type { ItemActionInput } from '../domain/console/item-action';
import { recordDepartmentAnswer } from '../domain/console/record-department-answer';
import { rejectItem } from '../domain/console/reject-item';
import { reopenItem } from '../domain/console/reopen-item';
import { replyToItem, visibilityOf } from '../domain/console/reply-to-item';
import { resolveItem } from '../domain/console/resolve-item';
import { routeToDepartment } from '../domain/console/route-to-department';
import { AppError, type Msg } from '../domain/errors';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import type { ItemFormName, ItemForms } from '../../views/pages/staff/item-forms';
import { BulkResultPage, ItemPage } from '../../views/pages/staff/item';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

const CONSOLE_ROLES = [...ITEM_STAFF_ROLES, 'police'] as const;

export const staffItemRoutes = new Hono<AppEnv>();
staffItemRoutes.use('/staff/items/*', requireStaff(CONSOLE_ROLES));

const DONE = ['claim', 'assign', 'reply', 'note', 'reject', 'resolve', 'reopen', 'route', 'departmentAnswer'] as const;
type Done = (typeof DONE)[number];

async function itemPage(c: Context<AppEnv>, opts: { forms?: ItemForms; error?: Msg; status?: number } = {}) {
  const user = c.var.user!;
  const scope = c.var.staffScope;
  const data = await getItemForStaff(c.var.deps.db, { userId: user.id, scope }, c.req.param('id')!);
  const done = c.req.query('done') as Done | undefined;
  const notice = !opts.error && !opts.forms && done && DONE.includes(done) ? c.var.t(`ci.done.${done}`) : undefined;
  const templateId = c.req.query('template');
  const templateBody = data.templates.find((tp) => String(tp.id) === templateId)?.body;
  const page = (
    <ItemPage v={viewCtx(c)} data={data} forms={opts.forms} notice={notice} error={opts.error} templateId={templateId} templateBody={templateBody} policeView={data.policeView} now={new Date()} />
  );
  return render(c, { title: c.var.t('ci.title', { no: data.item.trackingNo }), body: page, partial: page, status: opts.status });
}

staffItemRoutes.get('/staff/items/:id', (c) => itemPage(c));

type Action = (c: Context<AppEnv>, input: ItemActionInput) => Promise<unknown>;

/** One POST action: run the use case; on success back to the page with a notice, else the fresh page with the form kept. */
function post(path: string, form: ItemFormName, run: Action, done: (f: Record<string, string>) => Done) {
  staffItemRoutes.post(`/staff/items/:id/${path}`, async (c) => {
    const body = await formBody(c);
    const input: ItemActionInput = { rawId: c.req.param('id')!, form: body, actorUserId: c.var.user!.id, ip: clientIp(c) };
    const res = await tryForm(c, () => run(c, input));
    if (res.ok) return redirectTo(c, `/staff/items/${c.req.param('id')}?done=${done(body)}`);
    // Refused by role (not by the form or the item's state): the error page, as from the route guard — the item page
    // must not be shown, since the refusal may come before the item's scope was checked.
    if (res.status === 403) throw new AppError('forbidden', res.formError ?? 'error.403');
    // A stale page: the latest state is shown with the message on top; the typed text stays in its form.
    const { version: _v, ...values } = body;
    return itemPage(c, { forms: { [form]: { values, errors: res.fields } }, error: res.formError, status: res.status });
  });
}

const scopeOf = (c: Context<AppEnv>) => c.var.staffScope;
post('claim', 'claim', (c, i) => claimItem(c.var.deps.db, scopeOf(c), { ...i, actorName: c.var.user!.displayName }), () => 'claim');
post('assign', 'assign', (c, i) => assignItem(c.var.deps.db, scopeOf(c), i), () => 'assign');
post('reply', 'reply', (c, i) => replyToItem(c.var.deps.db, scopeOf(c), i), (f) => (visibilityOf(f.visibility) === 'public' ? 'reply' : 'note'));
post('reject', 'reject', (c, i) => rejectItem(c.var.deps.db, scopeOf(c), i), () => 'reject');
post('resolve', 'resolve', (c, i) => resolveItem(c.var.deps.db, scopeOf(c), i), () => 'resolve');
post('reopen', 'reopen', (c, i) => reopenItem(c.var.deps.db, scopeOf(c), i), () => 'reopen');
post('route', 'route', (c, i) => routeToDepartment(c.var.deps.db, scopeOf(c), i), () => 'route');
post('department-answer', 'departmentAnswer', (c, i) => recordDepartmentAnswer(c.var.deps.db, scopeOf(c), i), () => 'departmentAnswer');

// Bulk answers report per item, so the result is a page of its own rather than a redirect.
staffItemRoutes.post('/staff/items/:id/bulk-answer', async (c) => {
  const body = await formBody(c);
  const res = await tryForm(c, () => bulkAnswer(c.var.deps.db, c.var.staffScope, { rawId: c.req.param('id')!, form: body, actorUserId: c.var.user!.id, ip: clientIp(c) }));
  if (!res.ok) return itemPage(c, { forms: { bulk: { values: body, errors: res.fields } }, error: res.formError, status: res.status });
  const id = Number(c.req.param('id'));
  return render(c, { title: c.var.t('ci.bulk.resultTitle'), body: <BulkResultPage v={viewCtx(c)} itemId={id} results={res.value} /> });
});

// 我的诉求 (list, detail, rating, reopen) and the inbox (消息): a signed-in user's own things only.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { pageOf } from '../domain/communities/paging';
import { listNotifications } from '../domain/notifications/list-notifications';
import { markAllRead } from '../domain/notifications/mark-all-read';
import { openNotification } from '../domain/notifications/open-notification';
import { getMySubmission } from '../domain/submissions/get-my-submission';
import { listMySubmissions } from '../domain/submissions/list-my-submissions';
import { rateSubmission } from '../domain/submissions/rate-submission';
import { reopenSubmission } from '../domain/submissions/reopen-submission';
import { requireUser } from '../middleware/require-role';
import { getMyLedgerEntry } from '../domain/points/get-my-ledger-entry';
import { listMyLedger } from '../domain/points/list-my-ledger';
import { MyLedgerPage } from '../../views/pages/me/ledger';
import { LedgerEntryPage } from '../../views/pages/me/ledger-entry';
import { BoxRefusal, RateBox, ReopenBox } from '../../views/pages/me/feedback-forms';
import { InboxPage, NotificationPage } from '../../views/pages/me/inbox';
import { SubmissionDetailPage, type DetailForms } from '../../views/pages/me/submission-detail';
import { MySubmissionsPage } from '../../views/pages/me/submissions';
import { formBody, redirectTo, render, tryForm, viewCtx, type FormFailure } from './render';

export const meRoutes = new Hono<AppEnv>();
meRoutes.use('/me/*', requireUser);

const userId = (c: Context<AppEnv>) => c.var.user!.id;

meRoutes.get('/me/submissions', async (c) => {
  const result = await listMySubmissions(c.var.deps.db, userId(c), pageOf(c.req.query('page')));
  return render(c, { title: c.var.t('me.list.title'), body: <MySubmissionsPage v={viewCtx(c)} result={result} /> });
});

const NOTICES = { rated: 'me.rate.done', reopened: 'me.reopen.done' } as const;

async function detail(c: Context<AppEnv>, forms?: DetailForms, status = 200) {
  const data = await getMySubmission(c.var.deps.db, userId(c), c.req.param('trackingNo')!);
  const done = c.req.query('done') as keyof typeof NOTICES | undefined;
  const notice = status === 200 && done && NOTICES[done] ? c.var.t(NOTICES[done]) : undefined;
  return render(c, { title: data.item.trackingNo, body: <SubmissionDetailPage v={viewCtx(c)} data={data} forms={forms} notice={notice} />, status });
}

meRoutes.get('/me/submissions/:trackingNo', (c) => detail(c));

meRoutes.get('/me/points', async (c) => {
  const ledger = await listMyLedger(c.var.deps.db, userId(c), pageOf(c.req.query('page')));
  return render(c, { title: c.var.t('points.ledger.title'), body: <MyLedgerPage v={viewCtx(c)} ledger={ledger} /> });
});

meRoutes.get('/me/points/:id', async (c) => {
  const entry = await getMyLedgerEntry(c.var.deps.db, c.var.user!.id, c.req.param('id'));
  return render(c, { title: c.var.t('points.entry.title'), body: <LedgerEntryPage v={viewCtx(c)} entry={entry} /> });
});

/** A refused rating/reopen: htmx gets its box back with the message; a plain form gets the whole page, values kept. */
async function refused(c: Context<AppEnv>, which: 'rate' | 'reopen', values: Record<string, string>, res: FormFailure) {
  const data = await getMySubmission(c.var.deps.db, userId(c), c.req.param('trackingNo')!);
  const v = viewCtx(c);
  const no = data.item.trackingNo;
  const applies = which === 'rate' ? data.canRate : data.canReopen;
  if (!applies) {
    // Already rated, or the window closed meanwhile: no form to fix, just say why in the box's place.
    const error = res.formError ?? { key: 'err.form.invalid' as const };
    return render(c, {
      title: no,
      body: <SubmissionDetailPage v={v} data={data} error={error} />,
      partial: <BoxRefusal v={v} id={which === 'rate' ? 'rate-box' : 'reopen-box'} error={error} />,
      status: res.status,
    });
  }
  const state = { values, errors: res.fields, formError: res.formError };
  const partial = which === 'rate' ? <RateBox v={v} trackingNo={no} state={state} /> : <ReopenBox v={v} trackingNo={no} until={data.reopenUntil!} state={state} />;
  return render(c, { title: no, body: <SubmissionDetailPage v={v} data={data} forms={{ [which]: state }} />, partial, status: res.status });
}

meRoutes.post('/me/submissions/:trackingNo/rating', async (c) => {
  const form = await formBody(c);
  const trackingNo = c.req.param('trackingNo');
  const res = await tryForm(c, () => rateSubmission(c.var.deps.db, { userId: userId(c), trackingNo, form }));
  if (res.ok) {
    if (res.value.outboxId !== null) await c.var.deps.jobs.dispatch([res.value.outboxId]);
    return redirectTo(c, `/me/submissions/${trackingNo}?done=rated`);
  }
  return refused(c, 'rate', form, res);
});

meRoutes.post('/me/submissions/:trackingNo/reopen', async (c) => {
  const form = await formBody(c);
  const trackingNo = c.req.param('trackingNo');
  const res = await tryForm(c, () => reopenSubmission(c.var.deps.db, { userId: userId(c), trackingNo, form }));
  if (res.ok) return redirectTo(c, `/me/submissions/${trackingNo}?done=reopened`);
  return refused(c, 'reopen', form, res);
});

meRoutes.get('/me/inbox', async (c) => {
  const result = await listNotifications(c.var.deps.db, userId(c), pageOf(c.req.query('page')));
  const marked = c.req.query('marked');
  const notice = marked && /^\d{1,6}$/.test(marked) ? c.var.t('inbox.markedAll', { n: Number(marked) }) : undefined;
  return render(c, { title: c.var.t('inbox.title'), body: <InboxPage v={viewCtx(c)} result={result} notice={notice} /> });
});

meRoutes.post('/me/inbox/read-all', async (c) => {
  const n = await markAllRead(c.var.deps.db, userId(c));
  return redirectTo(c, `/me/inbox?marked=${n}`);
});

// Opening marks it read, then goes where it points (usually the item page).
meRoutes.get('/me/inbox/:id', async (c) => {
  const { notification, link } = await openNotification(c.var.deps.db, userId(c), c.req.param('id'));
  if (link) return c.redirect(link, 303);
  return render(c, { title: c.var.t('inbox.title'), body: <NotificationPage v={viewCtx(c)} n={notification} /> });
});

// 我的服务时长, the certificate (A4 print page) and its public check URL, and the private iCal feed with its reset.
import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import type { AppEnv } from '../app-env';
import { AppError, type Msg } from '../domain/errors';
import { clockFor } from '../domain/patrols/app-clock';
import { buildCalendarFeed, calendarFeedState, resetCalendarFeed } from '../domain/patrols/calendar-feed';
import { checkCertificate, issueCertificate, myCertificate, periodOf, serviceRecord } from '../domain/patrols/service-record';
import { requireUser } from '../middleware/require-role';
import { CertificateCheckPage, CertificatePage } from '../../views/pages/patrols/certificate';
import { HoursPage } from '../../views/pages/patrols/hours';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const serviceRecordRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;
for (const p of ['/me/hours', '/me/hours/*', '/me/certificates/*', '/me/calendar/*']) serviceRecordRoutes.use(p, requireUser);

const now = (c: C) => clockFor(c.var.deps.config)();
const tz = (c: C) => c.var.deps.config.DISPLAY_TZ;
const base = (c: C) => c.var.deps.config.BASE_URL.replace(/\/+$/, '');
const me = (c: C) => {
  if (c.var.user!.kind !== 'resident') throw new AppError('forbidden', 'shifts.residentsOnly');
  return c.var.user!.id;
};

async function hoursPage(c: C, q: { from?: string; to?: string }, extra: { feedUrl?: string; error?: Msg; status?: number; notice?: string } = {}) {
  const db = c.var.deps.db;
  const userId = me(c);
  const period = periodOf(q, now(c), tz(c));
  const [rec, feed] = await Promise.all([serviceRecord(db, { userId, ...period, timeZone: tz(c) }), calendarFeedState(db, userId)]);
  const body = <HoursPage v={viewCtx(c)} {...period} lines={rec.lines} minutes={rec.minutes} feed={feed} {...extra} />;
  return render(c, { title: c.var.t('hours.title'), body, status: extra.status });
}

serviceRecordRoutes.get('/me/hours', async (c) => {
  const res = await tryForm(c, async () => periodOf({ from: c.req.query('from'), to: c.req.query('to') }, now(c), tz(c)));
  if (!res.ok) return hoursPage(c, {}, { error: Object.values(res.fields)[0] ?? res.formError, status: res.status });
  return hoursPage(c, res.value);
});

serviceRecordRoutes.post('/me/hours/certificate', async (c) => {
  const form = await formBody(c);
  const res = await tryForm(c, () => issueCertificate(c.var.deps.db, { userId: me(c), form, now: now(c), timeZone: tz(c) }));
  if (res.ok) return redirectTo(c, `/me/certificates/${res.value}`);
  return hoursPage(c, {}, { error: Object.values(res.fields)[0] ?? res.formError, status: res.status });
});

serviceRecordRoutes.get('/me/certificates/:id', async (c) => {
  const cert = await myCertificate(c.var.deps.db, { rawId: c.req.param('id'), userId: me(c), timeZone: tz(c) });
  const checkUrl = `${base(c)}/verify/cert/${cert.cert.id}`;
  const qrDataUrl = await QRCode.toDataURL(checkUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return render(c, { title: c.var.t('cert.title'), body: <CertificatePage v={viewCtx(c)} cert={cert} checkUrl={checkUrl} qrDataUrl={qrDataUrl} /> });
});

// Shown once: only the secret's hash is kept, so the page that made it is the only place the link appears.
serviceRecordRoutes.post('/me/calendar/reset', async (c) => {
  const path = await resetCalendarFeed(c.var.deps.db, me(c));
  return hoursPage(c, {}, { feedUrl: `${base(c)}${path}`, notice: c.var.t('cal.done') });
});

serviceRecordRoutes.get('/cal/:token', async (c) => {
  const body = await buildCalendarFeed(c.var.deps.db, c.req.param('token'), { now: now(c), baseUrl: base(c) });
  return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300', 'X-Robots-Tag': 'noindex' });
});

serviceRecordRoutes.get('/verify/cert/:id', async (c) => {
  const cert = await checkCertificate(c.var.deps.db, c.req.param('id'));
  return render(c, { title: c.var.t('cert.checkTitle'), body: <CertificateCheckPage v={viewCtx(c)} c={cert} /> });
});

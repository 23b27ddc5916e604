// Announcements: staff publish and withdraw (/staff/announcements…); residents read them (/announcements, /announcements/:id).
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { publishAnnouncement } from '../domain/announcements/publish-announcement';
import { currentAnnouncements } from '../domain/announcements/current-announcements';
import { getPublicAnnouncement } from '../domain/announcements/get-announcement';
import { listStaffAnnouncements, managedAnnouncement, publishFormOptions } from '../domain/announcements/list-staff-announcements';
import { PUBLISHER_ROLES, publishRights } from '../domain/announcements/publish-rights';
import { residentAnnouncements } from '../domain/announcements/resident-announcements';
import { withdrawAnnouncement } from '../domain/announcements/withdraw-announcement';
import { notFound } from '../domain/errors';
import { normalizeCode } from '../domain/qr/generate-code';
import { resolveScan } from '../domain/qr/resolve-scan';
import { qrScanCache } from '../domain/qr/scan-cache';
import { utcToLocalInput } from '../domain/time/zoned-local';
import { requireStaff } from '../middleware/require-role';
import { AnnouncementPage, AnnouncementsPage } from '../../views/pages/announcements/public';
import { PublishAnnouncementPage, StaffAnnouncementsPage, WithdrawAnnouncementPage } from '../../views/pages/announcements/staff';
import { actor, idOf, noticeKey } from './admin-structure/shared';
import { formBody, redirectTo, render, tryForm, viewCtx, type FormFailure } from './render';

export const announcementRoutes = new Hono<AppEnv>();
announcementRoutes.use('/staff/announcements', requireStaff(PUBLISHER_ROLES));
announcementRoutes.use('/staff/announcements/*', requireStaff(PUBLISHER_ROLES));

/** A week is the usual life of a notice; the publisher changes it on the form. */
const DEFAULT_DAYS = 7;

/* ---------- staff ---------- */

announcementRoutes.get('/staff/announcements', async (c) => {
  const page = Math.max(1, Math.min(10_000, Number(c.req.query('page')) || 1));
  const data = await listStaffAnnouncements(c.var.deps.db, { scope: c.var.staffScope, page });
  if (!data.rights.length) throw notFound();
  const notice = noticeKey(c, { published: 'ann.published', scheduled: 'ann.scheduled', withdrawn: 'ann.withdraw.done' } as const);
  return render(c, { title: c.var.t('ann.staff.title'), body: <StaffAnnouncementsPage v={viewCtx(c)} {...data} notice={notice && c.var.t(notice)} /> });
});

async function formPage(c: Context<AppEnv>, communityRaw: string | undefined, values: Record<string, string>, failure?: FormFailure) {
  const all = publishRights(c.var.staffScope);
  const rights = all.find((r) => String(r.communityId) === communityRaw) ?? all[0];
  if (!rights) throw notFound();
  const options = await publishFormOptions(c.var.deps.db, rights);
  return render(c, {
    title: c.var.t('ann.staff.new'),
    status: failure?.status,
    body: <PublishAnnouncementPage v={viewCtx(c)} communities={all} {...options} values={values} errors={failure?.fields} formError={failure?.formError} />,
  });
}

announcementRoutes.get('/staff/announcements/new', (c) => {
  const tz = c.var.deps.config.DISPLAY_TZ;
  return formPage(c, c.req.query('community'), { expiresAt: utcToLocalInput(new Date(Date.now() + DEFAULT_DAYS * 86_400_000), tz) });
});

announcementRoutes.post('/staff/announcements', async (c) => {
  const form = await formBody(c);
  const communityId = idOf(form.community);
  const r = await tryForm(c, () => publishAnnouncement(c.var.deps.db, { ...actor(c), communityId, form, timeZone: c.var.deps.config.DISPLAY_TZ }));
  if (!r.ok) return formPage(c, form.community, form, r);
  return redirectTo(c, `/staff/announcements?ok=${r.value.publishAt > new Date() ? 'scheduled' : 'published'}`);
});

announcementRoutes.get('/staff/announcements/:id/withdraw', async (c) => {
  const a = await managedAnnouncement(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  if (!a) throw notFound();
  return render(c, { title: c.var.t('ann.withdraw.title'), body: <WithdrawAnnouncementPage v={viewCtx(c)} a={a} blocked={a.withdrawnAt ? { key: 'ann.err.alreadyWithdrawn' } : undefined} /> });
});

announcementRoutes.post('/staff/announcements/:id/withdraw', async (c) => {
  const id = idOf(c.req.param('id'));
  const r = await tryForm(c, () => withdrawAnnouncement(c.var.deps.db, { ...actor(c), announcementId: id }));
  if (!r.ok) {
    const a = await managedAnnouncement(c.var.deps.db, c.var.staffScope, id);
    if (!a) throw notFound();
    return render(c, { title: c.var.t('ann.withdraw.title'), status: r.status, body: <WithdrawAnnouncementPage v={viewCtx(c)} a={a} blocked={r.formError} /> });
  }
  return redirectTo(c, '/staff/announcements?ok=withdrawn');
});

/* ---------- residents ---------- */

// From a poster (?qr=CODE): that place's community and grid. Signed in: where the resident lives or has reported.
announcementRoutes.get('/announcements', async (c) => {
  const { db } = c.var.deps;
  const code = normalizeCode(c.req.query('qr'));
  const target = code ? await qrScanCache(c.var.deps).cache.get(code, (k) => resolveScan(db, k)) : null;
  const items = target
    ? await currentAnnouncements(db, { communityId: target.communityId, gridId: target.gridId })
    : c.var.user?.kind === 'resident'
      ? await residentAnnouncements(db, { userId: c.var.user.id })
      : [];
  return render(c, { title: c.var.t('ann.list.title'), body: <AnnouncementsPage v={viewCtx(c)} items={items} backHref={target ? `/q/${target.code}` : null} /> });
});

announcementRoutes.get('/announcements/:id', async (c) => {
  const a = await getPublicAnnouncement(c.var.deps.db, { id: idOf(c.req.param('id')) });
  return render(c, { title: a.title, body: <AnnouncementPage v={viewCtx(c)} a={a} /> });
});

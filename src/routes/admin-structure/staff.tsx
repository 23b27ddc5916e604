// Routes: staff accounts of a community — list, open with a one-time password, rename, set/remove roles and grid scopes, disable.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { STAFF_ROLES, type StaffRole } from '../../db/schema';
import { managedCommunity } from '../../domain/communities/managed-community';
import { pageOf, searchText } from '../../domain/communities/paging';
import { AppError, notFound } from '../../domain/errors';
import { allGrids } from '../../domain/grids/list-grids';
import { removeStaffRole, renameStaff, setStaffRole } from '../../domain/staff/change-staff';
import { listCommunityStaff, staffInCommunity } from '../../domain/staff/community-staff';
import { createStaff } from '../../domain/staff/create-staff';
import { setStaffDisabled } from '../../domain/staff/set-staff-disabled';
import { CommunityTabs } from '../../../views/components/community-tabs';
import { ConfirmAction } from '../../../views/components/confirm';
import { NewStaffPage, StaffList, StaffPage } from '../../../views/pages/admin/staff';
import { StaffDetailPage } from '../../../views/pages/admin/staff-detail';
import { formBody, redirectTo, render, tryForm, viewCtx, type FormFailure } from '../render';
import { actor, idOf, noticeKey, query } from './shared';

export const staffRoutes = new Hono<AppEnv>();
const base = (cid: number, uid?: number) => `/admin/c/${cid}/staff${uid ? `/${uid}` : ''}`;

staffRoutes.get('/admin/c/:cid/staff', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  const role = query(c, 'role');
  const filter = { q: searchText(query(c, 'q')), role: (STAFF_ROLES as readonly string[]).includes(role) ? (role as StaffRole) : ('' as const) };
  const list = await listCommunityStaff(c.var.deps.db, community.id, { ...filter, page: pageOf(c.req.query('page')) });
  const v = viewCtx(c);
  return render(c, {
    title: c.var.t('adm.nav.staff'),
    body: <StaffPage v={v} community={community} list={list} filter={filter} />,
    partial: <StaffList v={v} community={community} list={list} filter={filter} />,
  });
});

staffRoutes.get('/admin/c/:cid/staff/new', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  return render(c, { title: c.var.t('adm.staff.new'), body: <NewStaffPage v={viewCtx(c)} community={community} grids={await allGrids(c.var.deps.db, community.id)} values={{}} /> });
});

staffRoutes.post('/admin/c/:cid/staff/new', async (c) => {
  const db = c.var.deps.db;
  const communityId = idOf(c.req.param('cid'));
  const form = await formBody(c);
  const r = await tryForm(c, () => createStaff(db, { ...actor(c), communityId, form }));
  if (r.ok) {
    // The one-time password is shown on this response only; it is never stored in clear nor put in a URL.
    return detail(c, communityId, r.value.userId, { notice: c.var.t('adm.staff.created', { ...r.value }) });
  }
  const community = await managedCommunity(db, c.var.staffScope, communityId);
  const body = <NewStaffPage v={viewCtx(c)} community={community} grids={await allGrids(db, communityId)} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: c.var.t('adm.staff.new'), body, status: r.status });
});

/** The staff page of one account; also used after a password reset to show the one-time password there. */
export async function detail(c: Context<AppEnv>, cid: number, uid: number, opts: { notice?: string; failed?: FormFailure & { form: 'name' | 'role'; values: Record<string, string> } } = {}) {
  const db = c.var.deps.db;
  const community = await managedCommunity(db, c.var.staffScope, cid);
  const [staff, grids] = await Promise.all([staffInCommunity(db, community.id, uid), allGrids(db, community.id)]);
  const body = <StaffDetailPage v={viewCtx(c)} community={community} staff={staff} grids={grids} notice={opts.notice} failed={opts.failed} isSelf={staff.id === c.var.user!.id} />;
  return render(c, { title: staff.name, body, status: opts.failed?.status ?? 200 });
}

staffRoutes.get('/admin/c/:cid/staff/:uid', (c) => {
  const key = noticeKey(c, { saved: 'adm.staff.saved', disabled: 'adm.staff.disabledDone', enabled: 'adm.staff.enabledDone' } as const);
  return detail(c, idOf(c.req.param('cid')), idOf(c.req.param('uid')), { notice: key && c.var.t(key) });
});

for (const [path, form, run] of [
  ['/admin/c/:cid/staff/:uid', 'name', renameStaff],
  ['/admin/c/:cid/staff/:uid/roles', 'role', setStaffRole],
] as const) {
  staffRoutes.post(path, async (c) => {
    const [cid, uid] = [idOf(c.req.param('cid')), idOf(c.req.param('uid'))];
    const values = await formBody(c);
    const r = await tryForm(c, () => run(c.var.deps.db, { ...actor(c), communityId: cid, userId: uid, form: values }));
    if (r.ok) return redirectTo(c, `${base(cid, uid)}?ok=saved`);
    return detail(c, cid, uid, { failed: { ...r, form, values } });
  });
}

const roleParam = (raw: string) => {
  if (!(STAFF_ROLES as readonly string[]).includes(raw)) throw notFound();
  return raw as StaffRole;
};

async function confirmPage(c: Context<AppEnv>, what: 'remove' | 'disable' | 'enable', blocked?: AppError) {
  const [cid, uid] = [idOf(c.req.param('cid')), idOf(c.req.param('uid'))];
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, cid);
  const staff = await staffInCommunity(c.var.deps.db, community.id, uid);
  const t = c.var.t;
  const role = what === 'remove' ? roleParam(c.req.param('role') ?? '') : null;
  const text = {
    remove: { title: t('adm.staff.removeRoleTitle'), q: t('adm.staff.removeRoleConfirm', { name: staff.name, role: role ? t(`role.${role}`) : '' }), button: t('adm.staff.removeRole'), action: `${base(cid, uid)}/roles/${role}/remove` },
    disable: { title: t('adm.staff.disable'), q: t('adm.staff.disableConfirm', { name: staff.name }), button: t('adm.staff.disable'), action: `${base(cid, uid)}/disable` },
    enable: { title: t('adm.staff.enable'), q: t('adm.staff.enableConfirm', { name: staff.name }), button: t('adm.staff.enable'), action: `${base(cid, uid)}/enable` },
  }[what];
  const body = (
    <>
      <CommunityTabs t={t} community={community} active="staff" />
      <ConfirmAction t={t} title={text.title} question={text.q} action={text.action} button={text.button} cancelHref={base(cid, uid)} blocked={blocked?.msg} danger={what !== 'enable'} />
    </>
  );
  return render(c, { title: text.title, body, status: blocked?.status ?? 200 });
}

const conflictsAsPage = (what: 'remove' | 'disable' | 'enable', run: (c: Context<AppEnv>) => Promise<Response>) => async (c: Context<AppEnv>) => {
  try {
    return await run(c);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return confirmPage(c, what, err);
    throw err;
  }
};

staffRoutes.get('/admin/c/:cid/staff/:uid/roles/:role/remove', (c) => confirmPage(c, 'remove'));
staffRoutes.post('/admin/c/:cid/staff/:uid/roles/:role/remove', conflictsAsPage('remove', async (c) => {
  const [cid, uid] = [idOf(c.req.param('cid')), idOf(c.req.param('uid'))];
  await removeStaffRole(c.var.deps.db, { ...actor(c), communityId: cid, userId: uid, role: roleParam(c.req.param('role') ?? '') });
  return redirectTo(c, `${base(cid, uid)}?ok=saved`);
}));

for (const what of ['disable', 'enable'] as const) {
  staffRoutes.get(`/admin/c/:cid/staff/:uid/${what}`, (c) => confirmPage(c, what));
  staffRoutes.post(`/admin/c/:cid/staff/:uid/${what}`, conflictsAsPage(what, async (c) => {
    const [cid, uid] = [idOf(c.req.param('cid')), idOf(c.req.param('uid'))];
    await setStaffDisabled(c.var.deps.db, { ...actor(c), communityId: cid, userId: uid, disabled: what === 'disable' });
    return redirectTo(c, `${base(cid, uid)}?ok=${what}d`);
  }));
}

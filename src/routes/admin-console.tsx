// Admin pages for the staff console: departments, reply templates (list, create, edit, deactivate after asking) and
// the audit log search. Canonical URLs are per community (/admin/c/:cid/…); /admin/departments etc. open the first one.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { searchAudit, type AuditFilter } from '../domain/audit/search-audit';
import { managedCommunities, managedCommunity } from '../domain/communities/managed-community';
import { pageOf, searchText } from '../domain/communities/paging';
import { listCommunityDepartments } from '../domain/departments/list-community-departments';
import { managedDepartment } from '../domain/departments/managed-department';
import { createDepartment, updateDepartment } from '../domain/departments/save-department';
import { setDepartmentActive } from '../domain/departments/set-department-active';
import { notFound } from '../domain/errors';
import { listCommunityReplyTemplates } from '../domain/reply-templates/list-community-reply-templates';
import { managedReplyTemplate } from '../domain/reply-templates/managed-reply-template';
import { createReplyTemplate, updateReplyTemplate } from '../domain/reply-templates/save-reply-template';
import { setReplyTemplateActive } from '../domain/reply-templates/set-reply-template-active';
import { requireStaff } from '../middleware/require-role';
import { ConfirmAction } from '../../views/components/confirm';
import { CommunityTabs } from '../../views/components/community-tabs';
import { AuditList, AuditPage } from '../../views/pages/admin/audit';
import { DepartmentFormPage, DepartmentsPage } from '../../views/pages/admin/departments';
import { ReplyTemplateFormPage, ReplyTemplatesPage } from '../../views/pages/admin/reply-templates';
import { actor, idOf, noticeKey, query } from './admin-structure/shared';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const adminConsoleRoutes = new Hono<AppEnv>();
adminConsoleRoutes.use('/admin/*', requireStaff(['community_admin']));

const NOTICES = { saved: 'cq.saved', deactivated: 'cq.deactivated', activated: 'cq.activated' } as const;

// Short addresses: the first community the admin manages (most manage exactly one).
for (const section of ['departments', 'reply-templates', 'audit'] as const) {
  adminConsoleRoutes.get(`/admin/${section}`, async (c) => {
    const [first] = await managedCommunities(c.var.deps.db, c.var.staffScope);
    if (!first) throw notFound();
    return c.redirect(`/admin/c/${first.id}/${section}`, 303);
  });
}

/* ---------- departments ---------- */

adminConsoleRoutes.get('/admin/c/:cid/departments', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  const rows = await listCommunityDepartments(c.var.deps.db, community.id);
  const notice = noticeKey(c, NOTICES);
  return render(c, { title: c.var.t('adm.nav.departments'), body: <DepartmentsPage v={viewCtx(c)} community={community} rows={rows} notice={notice && c.var.t(notice)} /> });
});

adminConsoleRoutes.get('/admin/c/:cid/departments/new', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  return render(c, { title: c.var.t('cq.dept.new'), body: <DepartmentFormPage v={viewCtx(c)} community={community} values={{}} /> });
});

adminConsoleRoutes.post('/admin/c/:cid/departments/new', async (c) => {
  const communityId = idOf(c.req.param('cid'));
  const form = await formBody(c);
  const r = await tryForm(c, () => createDepartment(c.var.deps.db, { ...actor(c), communityId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${communityId}/departments?ok=saved`);
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, communityId);
  const body = <DepartmentFormPage v={viewCtx(c)} community={community} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: c.var.t('cq.dept.new'), body, status: r.status });
});

adminConsoleRoutes.get('/admin/departments/:id', async (c) => {
  const { department, community } = await managedDepartment(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const values = { name: department.name, contact: department.contact };
  return render(c, { title: department.name, body: <DepartmentFormPage v={viewCtx(c)} community={community} department={department} values={values} /> });
});

adminConsoleRoutes.post('/admin/departments/:id', async (c) => {
  const departmentId = idOf(c.req.param('id'));
  const form = await formBody(c);
  const r = await tryForm(c, () => updateDepartment(c.var.deps.db, { ...actor(c), departmentId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${r.value.community.id}/departments?ok=saved`);
  const { department, community } = await managedDepartment(c.var.deps.db, c.var.staffScope, departmentId);
  const body = <DepartmentFormPage v={viewCtx(c)} community={community} department={department} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: department.name, body, status: r.status });
});

adminConsoleRoutes.get('/admin/departments/:id/deactivate', async (c) => {
  const { department, community } = await managedDepartment(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const t = c.var.t;
  const body = (
    <>
      <CommunityTabs t={t} community={community} active="departments" />
      <ConfirmAction t={t} title={t('cq.dept.deactivateTitle')} question={t('cq.dept.deactivateConfirm', { name: department.name })}
        action={`/admin/departments/${department.id}/deactivate`} button={t('cq.deactivate')} cancelHref={`/admin/c/${community.id}/departments`} />
    </>
  );
  return render(c, { title: t('cq.dept.deactivateTitle'), body });
});

for (const [verb, active] of [['deactivate', false], ['activate', true]] as const) {
  adminConsoleRoutes.post(`/admin/departments/:id/${verb}`, async (c) => {
    const { community } = await setDepartmentActive(c.var.deps.db, { ...actor(c), departmentId: idOf(c.req.param('id')), active });
    return redirectTo(c, `/admin/c/${community.id}/departments?ok=${active ? 'activated' : 'deactivated'}`);
  });
}

/* ---------- reply templates ---------- */

adminConsoleRoutes.get('/admin/c/:cid/reply-templates', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  const rows = await listCommunityReplyTemplates(c.var.deps.db, community.id);
  const notice = noticeKey(c, NOTICES);
  return render(c, { title: c.var.t('adm.nav.replyTemplates'), body: <ReplyTemplatesPage v={viewCtx(c)} community={community} rows={rows} notice={notice && c.var.t(notice)} /> });
});

adminConsoleRoutes.get('/admin/c/:cid/reply-templates/new', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  return render(c, { title: c.var.t('cq.tpl.new'), body: <ReplyTemplateFormPage v={viewCtx(c)} community={community} values={{}} /> });
});

adminConsoleRoutes.post('/admin/c/:cid/reply-templates/new', async (c) => {
  const communityId = idOf(c.req.param('cid'));
  const form = await formBody(c);
  const r = await tryForm(c, () => createReplyTemplate(c.var.deps.db, { ...actor(c), communityId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${communityId}/reply-templates?ok=saved`);
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, communityId);
  const body = <ReplyTemplateFormPage v={viewCtx(c)} community={community} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: c.var.t('cq.tpl.new'), body, status: r.status });
});

adminConsoleRoutes.get('/admin/reply-templates/:id', async (c) => {
  const { template, community } = await managedReplyTemplate(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const values = { title: template.title, body: template.body };
  return render(c, { title: template.title, body: <ReplyTemplateFormPage v={viewCtx(c)} community={community} template={template} values={values} /> });
});

adminConsoleRoutes.post('/admin/reply-templates/:id', async (c) => {
  const templateId = idOf(c.req.param('id'));
  const form = await formBody(c);
  const r = await tryForm(c, () => updateReplyTemplate(c.var.deps.db, { ...actor(c), templateId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${r.value.community.id}/reply-templates?ok=saved`);
  const { template, community } = await managedReplyTemplate(c.var.deps.db, c.var.staffScope, templateId);
  const body = <ReplyTemplateFormPage v={viewCtx(c)} community={community} template={template} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: template.title, body, status: r.status });
});

adminConsoleRoutes.get('/admin/reply-templates/:id/deactivate', async (c) => {
  const { template, community } = await managedReplyTemplate(c.var.deps.db, c.var.staffScope, idOf(c.req.param('id')));
  const t = c.var.t;
  const body = (
    <>
      <CommunityTabs t={t} community={community} active="replyTemplates" />
      <ConfirmAction t={t} title={t('cq.tpl.deactivateTitle')} question={t('cq.tpl.deactivateConfirm', { title: template.title })}
        action={`/admin/reply-templates/${template.id}/deactivate`} button={t('cq.deactivate')} cancelHref={`/admin/c/${community.id}/reply-templates`} />
    </>
  );
  return render(c, { title: t('cq.tpl.deactivateTitle'), body });
});

for (const [verb, active] of [['deactivate', false], ['activate', true]] as const) {
  adminConsoleRoutes.post(`/admin/reply-templates/:id/${verb}`, async (c) => {
    const { community } = await setReplyTemplateActive(c.var.deps.db, { ...actor(c), templateId: idOf(c.req.param('id')), active });
    return redirectTo(c, `/admin/c/${community.id}/reply-templates?ok=${active ? 'activated' : 'deactivated'}`);
  });
}

/* ---------- audit log ---------- */

function auditFilterOf(c: Context<AppEnv>): AuditFilter {
  const day = (name: string) => query(c, name).trim().slice(0, 10);
  return { actor: searchText(query(c, 'actor')), action: searchText(query(c, 'action')), target: searchText(query(c, 'target')), from: day('from'), to: day('to'), page: pageOf(c.req.query('page')) };
}

adminConsoleRoutes.get('/admin/c/:cid/audit', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  const filter = auditFilterOf(c);
  const v = viewCtx(c);
  const r = await tryForm(c, () => searchAudit(c.var.deps.db, { communityId: community.id, filter, timeZone: c.var.deps.config.DISPLAY_TZ }));
  const filtered = Boolean(filter.actor || filter.action || filter.target || filter.from || filter.to);
  if (!r.ok) {
    const first = Object.values(r.fields)[0];
    const partial = <div id="audit-list"><p class="form-error" role="alert">{first ? c.var.t(first.key, first.params) : ''}</p></div>;
    return render(c, { title: c.var.t('adm.nav.audit'), body: <AuditPage v={v} community={community} list={null} filter={filter} fields={r.fields} />, partial, status: r.status });
  }
  return render(c, {
    title: c.var.t('adm.nav.audit'),
    body: <AuditPage v={v} community={community} list={r.value} filter={filter} />,
    partial: <AuditList v={v} community={community} list={r.value} filter={filter} filtered={filtered} />,
  });
});


// Community-admin incentive rules: versions list, one version, editor (预览 / 保存 as the next version), comparison.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { notFound } from '../domain/errors';
import { compareRuleSets } from '../domain/rules/compare-rule-sets';
import { getRuleSet, parseVersion } from '../domain/rules/get-rule-set';
import { listRuleSets } from '../domain/rules/list-rule-sets';
import { openRuleSetEditor, postedVersions } from '../domain/rules/open-rule-set-editor';
import { previewRuleSetForm, type RuleSetPreview } from '../domain/rules/preview-rule-set';
import { withNewCategoryRow } from '../domain/rules/rule-set-form';
import { saveRuleSet } from '../domain/rules/save-rule-set';
import { adminCommunities } from '../domain/staff/list-staff';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import { RulesComparePage, RulesListPage, RulesViewPage, rulesHref } from '../../views/pages/admin/rules';
import { RulesForm, RulesFormPage, type RulesFormProps } from '../../views/pages/admin/rules-form';
import type { FormFailure } from './render';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const adminRulesRoutes = new Hono<AppEnv>();
adminRulesRoutes.use('/admin/rules', requireStaff(['community_admin']));
adminRulesRoutes.use('/admin/rules/*', requireStaff(['community_admin']));

/** The community named in ?community=, which must be one the admin manages (else 404); default: their first. */
function communityOf(c: Context<AppEnv>): number {
  const ids = adminCommunities(c.var.staffScope);
  const raw = c.req.query('community');
  const id = raw === undefined ? ids[0] : /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!ids.includes(id)) throw notFound();
  return id;
}

const tz = (c: Context<AppEnv>) => c.var.deps.config.DISPLAY_TZ;

adminRulesRoutes.get('/admin/rules', async (c) => {
  const { community, versions } = await listRuleSets(c.var.deps.db, c.var.staffScope, communityOf(c), { timeZone: tz(c) });
  const saved = versions.find((r) => String(r.version) === c.req.query('saved'));
  const notice = saved && c.var.t('rules.saved', { v: saved.version, date: saved.effectiveFrom });
  return render(c, { title: c.var.t('rules.title'), body: <RulesListPage v={viewCtx(c)} community={community} versions={versions} notice={notice} /> });
});

adminRulesRoutes.get('/admin/rules/compare', async (c) => {
  const r = await compareRuleSets(c.var.deps.db, c.var.staffScope, communityOf(c), parseVersion(c.req.query('a')), parseVersion(c.req.query('b')));
  return render(c, { title: c.var.t('rules.compare'), body: <RulesComparePage v={viewCtx(c)} {...r} /> });
});

adminRulesRoutes.get('/admin/rules/new', async (c) => {
  const from = c.req.query('from');
  const editor = await openRuleSetEditor(c.var.deps.db, c.var.staffScope, {
    communityId: communityOf(c), fromVersion: from === undefined ? undefined : parseVersion(from), timeZone: tz(c),
  });
  return formPage(c, { community: editor.community, values: editor.form, from: editor.from.version, latest: editor.ctx.latest!.version, today: editor.ctx.today });
});

adminRulesRoutes.post('/admin/rules/new', async (c) => {
  const communityId = communityOf(c);
  const form = await formBody(c);
  const input = { scope: c.var.staffScope, communityId, form, timeZone: tz(c) };
  // 再添加一个类别: nothing is judged or saved yet; the form comes back as typed, with one more empty new-category row.
  if (form.add !== undefined) return rerender(c, communityId, withNewCategoryRow(form), {});
  if (form.action === 'preview') {
    const r = await tryForm(c, () => previewRuleSetForm(c.var.deps.db, input));
    return rerender(c, communityId, form, r.ok ? { preview: r.value } : r);
  }
  const r = await tryForm(c, () => saveRuleSet(c.var.deps.db, { ...input, actorId: c.var.user!.id, ip: clientIp(c) }));
  if (r.ok) return redirectTo(c, rulesHref(communityId, '', `&saved=${r.value.version}`));
  return rerender(c, communityId, form, r);
});

adminRulesRoutes.get('/admin/rules/:version{[0-9]+}', async (c) => {
  const { community, ruleSet } = await getRuleSet(c.var.deps.db, c.var.staffScope, communityOf(c), parseVersion(c.req.param('version')));
  const { versions } = await listRuleSets(c.var.deps.db, c.var.staffScope, community.id, { timeZone: tz(c) });
  const current = versions.some((r) => r.current && r.version === ruleSet.version);
  return render(c, { title: c.var.t('rules.view.title', { v: ruleSet.version }), body: <RulesViewPage v={viewCtx(c)} community={community} ruleSet={ruleSet} current={current} /> });
});

/** The posted form again, values kept, with its result box or its refusals (or neither); htmx gets just the form. */
async function rerender(c: Context<AppEnv>, communityId: number, form: Record<string, string>, r: { preview?: RuleSetPreview } | FormFailure) {
  const posted = postedVersions(form);
  const editor = await openRuleSetEditor(c.var.deps.db, c.var.staffScope, { communityId, fromVersion: posted.from, timeZone: tz(c) });
  const failed = 'status' in r ? r : undefined;
  return formPage(
    c,
    {
      community: editor.community, values: form, from: posted.from, latest: posted.latest, today: editor.ctx.today,
      errors: failed?.fields, formError: failed?.formError, preview: 'preview' in r ? r.preview : undefined,
    },
    failed?.status,
  );
}

function formPage(c: Context<AppEnv>, props: Omit<RulesFormProps, 'v'>, status?: number) {
  const v = viewCtx(c);
  return render(c, { title: c.var.t('rules.form.title'), body: <RulesFormPage v={v} {...props} />, partial: <RulesForm v={v} {...props} />, status });
}

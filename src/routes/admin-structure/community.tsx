// Routes: the community facts page of a community admin.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env';
import { managedCommunity } from '../../domain/communities/managed-community';
import { updateCommunity } from '../../domain/communities/update-community';
import { CommunityPage } from '../../../views/pages/admin/community';
import { formBody, redirectTo, render, tryForm, viewCtx } from '../render';
import { actor, idOf, noticeKey } from './shared';

export const communityRoutes = new Hono<AppEnv>();

communityRoutes.get('/admin/c/:cid', async (c) => {
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, idOf(c.req.param('cid')));
  const values = { name: community.name, district: community.district, population: community.population == null ? '' : String(community.population) };
  const notice = noticeKey(c, { saved: 'adm.community.saved' } as const);
  return render(c, { title: community.name, body: <CommunityPage v={viewCtx(c)} community={community} values={values} notice={notice && c.var.t(notice)} /> });
});

communityRoutes.post('/admin/c/:cid', async (c) => {
  const communityId = idOf(c.req.param('cid'));
  const form = await formBody(c);
  const r = await tryForm(c, () => updateCommunity(c.var.deps.db, { ...actor(c), communityId, form }));
  if (r.ok) return redirectTo(c, `/admin/c/${communityId}?ok=saved`);
  const community = await managedCommunity(c.var.deps.db, c.var.staffScope, communityId);
  const body = <CommunityPage v={viewCtx(c)} community={community} values={form} fields={r.fields} formError={r.formError} />;
  return render(c, { title: community.name, body, status: r.status });
});

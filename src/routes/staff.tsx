// The staff workbench: only what the signed-in staff member's scope covers.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { getGridForStaff } from '../domain/grids/get-grid';
import { GRID_ROLES, hasAnyRole } from '../domain/auth/staff-scope';
import { listMyGrids } from '../domain/grids/list-my-grids';
import { summarizeWorkload } from '../domain/console/summarize-workload';
import { notFound } from '../domain/errors';
import { requireStaff } from '../middleware/require-role';
import { GridPage } from '../../views/pages/staff/grid';
import { ROLE_HOMES, StaffHome } from '../../views/pages/staff/home';
import { render, viewCtx } from './render';

export const staffRoutes = new Hono<AppEnv>();
staffRoutes.use('/staff', requireStaff());
staffRoutes.use('/staff/*', async (c, next) => (c.req.path === '/staff/login' ? next() : requireStaff()(c, next)));

staffRoutes.get('/staff', async (c) => {
  const grids = await listMyGrids(c.var.deps.db, c.var.staffScope);
  const roles = c.var.staffScope.map((r) => ({ role: r.role, communityName: r.communityName }));
  const workload = await summarizeWorkload(c.var.deps.db, c.var.staffScope, c.var.user!.id);
  const gridStaff = hasAnyRole(c.var.staffScope, GRID_ROLES);
  const roleHomes = ROLE_HOMES.filter((r) => hasAnyRole(c.var.staffScope, [r]));
  const body = <StaffHome v={viewCtx(c)} roles={roles} grids={grids} workload={workload} gridStaff={gridStaff} roleHomes={roleHomes} />;
  return render(c, { title: c.var.t('staff.title'), body });
});

staffRoutes.get('/staff/grids/:id', async (c) => {
  const id = Number(c.req.param('id'));
  if (!/^\d{1,9}$/.test(c.req.param('id'))) throw notFound();
  const { grid, places, unitCount } = await getGridForStaff(c.var.deps.db, c.var.staffScope, id);
  return render(c, { title: grid.name, body: <GridPage v={viewCtx(c)} grid={grid} places={places} unitCount={unitCount} /> });
});

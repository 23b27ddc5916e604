// Community-admin pages for the community itself, its grids, places and staff, and CSV import/export; every route is admin-only.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { requireStaff } from '../middleware/require-role';
import { communityRoutes } from './admin-structure/community';
import { gridRoutes } from './admin-structure/grids';
import { importRoutes } from './admin-structure/imports';
import { placeRoutes } from './admin-structure/places';
import { staffRoutes } from './admin-structure/staff';

export const adminStructureRoutes = new Hono<AppEnv>();
for (const path of ['/admin/c/*', '/admin/grids/*', '/admin/places/*', '/admin/import/*']) {
  adminStructureRoutes.use(path, requireStaff(['community_admin']));
}
adminStructureRoutes.route('/', communityRoutes);
adminStructureRoutes.route('/', gridRoutes);
adminStructureRoutes.route('/', placeRoutes);
adminStructureRoutes.route('/', staffRoutes);
adminStructureRoutes.route('/', importRoutes);

// Resident-facing pages (more arrive with the QR and submission issues).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { maskPhone } from '../domain/auth/phone';
import { residentAnnouncements } from '../domain/announcements/resident-announcements';
import { listCommunities } from '../domain/communities/list-communities';
import { HomePage } from '../../views/pages/home';
import { render, viewCtx } from './render';

export const residentRoutes = new Hono<AppEnv>();

residentRoutes.get('/', async (c) => {
  const user = c.var.user;
  const [communities, announcements] = await Promise.all([
    listCommunities(c.var.deps.db),
    user?.kind === 'resident' ? residentAnnouncements(c.var.deps.db, { userId: user.id }) : Promise.resolve([]),
  ]);
  const body = <HomePage v={viewCtx(c)} communities={communities} maskedPhone={user?.phone ? maskPhone(user.phone) : undefined} announcements={announcements} />;
  return render(c, { title: c.var.t('nav.home'), body });
});

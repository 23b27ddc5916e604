// /rank/:communityCode — the public monthly ranking, reachable without signing in (print its URL as a QR code).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { MONTH, monthOf, monthsEnding } from '../domain/reports/months';
import { publicRanking, RANKING_MIN_AWARDS } from '../domain/reports/public-ranking';
import { RankingPage } from '../../views/pages/reports/ranking';
import { render, viewCtx } from './render';

export const rankingRoutes = new Hono<AppEnv>();

rankingRoutes.get('/rank/:code', async (c) => {
  const current = monthOf(new Date(), c.var.deps.config.DISPLAY_TZ);
  const monthQ = c.req.query('month') ?? '';
  const month = MONTH.test(monthQ) && monthQ <= current ? monthQ : null;
  const gridQ = c.req.query('grid') ?? '0';
  const teamQ = c.req.query('team') ?? '0';
  const r = await publicRanking(c.var.deps.db, { communityCode: c.req.param('code'), month, current, gridId: /^\d{1,9}$/.test(gridQ) ? Number(gridQ) : 0, teamId: /^\d{1,9}$/.test(teamQ) ? Number(teamQ) : 0 });
  // Public and the same for everyone: a minute of caching spares the database when a lobby QR is scanned in a burst.
  if (!c.var.user) c.header('Cache-Control', 'public, max-age=60');
  return render(c, {
    title: c.var.t('rank.title', { community: r.community.name, month: r.month }),
    body: <RankingPage v={viewCtx(c)} community={r.community} month={r.month} months={monthsEnding(current, 12).reverse()} gridId={r.gridId} grids={r.grids} teamId={r.teamId} teams={r.teams} rows={r.rows} minAwards={RANKING_MIN_AWARDS} />,
  });
});

// Scan landing page /q/:code (cached lookup, counted) and the typed-code form /q. scan-fast-path.ts answers repeat
// anonymous scans of the same page in front of the app.
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { currentAnnouncements, peekCurrentAnnouncements, type CurrentAnnouncement } from '../domain/announcements/current-announcements';
import { normalizeCode } from '../domain/qr/generate-code';
import { actionsFor } from '../domain/qr/purpose-actions';
import { resolveScan, type ScanTarget } from '../domain/qr/resolve-scan';
import { qrScanCache } from '../domain/qr/scan-cache';
import { scanCounter } from '../domain/qr/scan-counter';
import { ScanPage } from '../../views/pages/qr/scan-page';
import { DisabledCodePage, EnterCodePage, ReplacedCodePage, UnknownCodePage } from '../../views/pages/qr/scan-status';
import { render, viewCtx } from './render';
import { renderShared } from './shared-page-cache';

export const scanRoutes = new Hono<AppEnv>();

const unknownCode = (c: Context<AppEnv>) => {
  const t = c.get('t');
  return render(c, { title: t('qr.unknown.title'), body: <UnknownCodePage v={viewCtx(c)} />, status: 404 });
};

scanRoutes.get('/q', (c) => {
  const raw = c.req.query('code');
  const t = c.get('t');
  if (raw === undefined) return render(c, { title: t('qr.enter.title'), body: <EnterCodePage v={viewCtx(c)} /> });
  const code = normalizeCode(raw);
  if (code) return c.redirect(`/q/${code}`, 303);
  return render(c, { title: t('qr.enter.title'), body: <EnterCodePage v={viewCtx(c)} value={raw.slice(0, 40)} invalid />, status: 422 });
});

const landing = (target: ScanTarget, notices: CurrentAnnouncement[]) => ({
  target,
  notices,
  // The same page for every anonymous scan of this code until the scan cache reloads the target or the notices change.
  key: `scan:${target.code}:${notices.map((n) => n.id).join(',')}`,
});
// Residents at a report poster see their grid's current notices (cached per community, so the scan stays cheap).
const showsNotices = (target: ScanTarget) => target.status === 'active' && target.purpose === 'report';

const loadTarget = (deps: AppDeps) => (code: string) => resolveScan(deps.db, code);

/** What a scan of `code` shows, from the per-process caches: the target, its notices and the shared page's key. */
export async function landingOf(deps: AppDeps, code: string) {
  const target = await qrScanCache(deps).cache.get(code, loadTarget(deps));
  if (!target) return null;
  return landing(target, showsNotices(target) ? await currentAnnouncements(deps.db, { communityId: target.communityId, gridId: target.gridId }) : []);
}

/** The same without waiting: undefined when the target or its notices are not cached, or too stale to serve (the fast path then leaves the scan to the app). */
export function peekLanding(deps: AppDeps, code: string) {
  const target = qrScanCache(deps).cache.peek(code, loadTarget(deps));
  if (!target) return undefined;
  const notices = showsNotices(target) ? peekCurrentAnnouncements(deps.db, { communityId: target.communityId, gridId: target.gridId }) : [];
  return notices && landing(target, notices);
}

scanRoutes.get('/q/:code', async (c) => {
  // The format check comes first: traversal, SQL or junk never reaches the cache or the database.
  const code = normalizeCode(c.req.param('code'));
  if (!code) return unknownCode(c);
  const landing = await landingOf(c.get('deps'), code);
  if (!landing) return unknownCode(c);
  const { target, notices } = landing;
  // Every real scan must reach the server to be counted, so no cache may keep this page.
  c.header('Cache-Control', 'no-store');
  // Counted in memory and written in batches (scan-counter.ts): the page never waits on the count.
  if (c.req.method === 'GET') scanCounter(c.get('deps')).add(target.id);
  const t = c.get('t');
  if (target.status === 'disabled') return render(c, { title: t('qr.disabled.title'), body: <DisabledCodePage v={viewCtx(c)} target={target} />, status: 404 });
  if (target.status === 'replaced') return render(c, { title: t('qr.replaced.title'), body: <ReplacedCodePage v={viewCtx(c)} target={target} /> });
  return renderShared(c, landing.key, target, {
    title: target.label,
    body: (sv) => <ScanPage v={sv} target={target} actions={actionsFor(target.purpose, target.code)} announcements={notices} />,
  });
});

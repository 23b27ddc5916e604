// Resident patrol and activity pages: 我能参加的, sign-up, cancel, one shift, check-in from a poster, check-out, joining a team.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { AppError, type Msg } from '../domain/errors';
import { clockFor } from '../domain/patrols/app-clock';
import { cancelSignUp } from '../domain/patrols/cancel-sign-up';
import { checkIn } from '../domain/patrols/check-in';
import { parseLocation } from '../domain/patrols/check-in-flags';
import { checkOut } from '../domain/patrols/check-out';
import { checkOutOffer } from '../domain/patrols/check-out-offer';
import { loadScannedCode } from '../domain/patrols/find-my-shift';
import { listOpenShifts } from '../domain/patrols/list-open-shifts';
import { listTeamsForResident } from '../domain/patrols/list-teams-for-resident';
import { getMyShift } from '../domain/patrols/my-shift';
import { signUp } from '../domain/patrols/sign-up';
import { decideJoin, requestJoin } from '../domain/patrols/team-membership';
import { ledTeamRequests } from '../domain/patrols/led-team-requests';
import { LedTeamPage } from '../../views/pages/patrols/led-team';
import { currentLeaderCode, isTeamLeader, leaderCheckIn } from '../domain/patrols/leader-check-in';
import QRCode from 'qrcode';
import { JoinLeaderPage, LeaderCodeBox, LeaderPage } from '../../views/pages/patrols/leader';
import { requireUser } from '../middleware/require-role';
import { CheckInPage } from '../../views/pages/patrols/check-in';
import { MyShiftPage } from '../../views/pages/patrols/my-shift';
import { ShiftsPage } from '../../views/pages/patrols/shifts';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const patrolRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;

const script = readFileSync(new URL('../../public/js/patrol.js', import.meta.url));
const SCRIPT_SRC = `/patrol/patrol.${createHash('sha256').update(script).digest('hex').slice(0, 10)}.js`;
patrolRoutes.get(SCRIPT_SRC, (c) => c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' }));

for (const p of ['/shifts', '/shifts/*', '/patrol/check-in', '/events/check-in', '/patrol/join', '/teams/*']) patrolRoutes.use(p, requireUser);

const now = (c: C) => clockFor(c.var.deps.config)();
const tz = (c: C) => c.var.deps.config.DISPLAY_TZ;
const me = (c: C) => {
  if (c.var.user!.kind !== 'resident') throw new AppError('forbidden', 'shifts.residentsOnly');
  return c.var.user!.id;
};

const NOTICES: Record<string, Parameters<C['var']['t']>[0]> = {
  cancelled: 'shifts.notice.cancelled', joined: 'shifts.notice.joinRequested',
  confirmed: 'shift.notice.confirmed', leader: 'leader.done', waitlisted: 'shift.notice.waitlisted', in: 'shift.notice.in', out: 'shift.notice.out',
};
const noticeOf = (c: C) => {
  const k = c.req.query('done');
  return k && NOTICES[k] ? c.var.t(NOTICES[k], { place: c.req.query('place') ?? '' }) : undefined;
};

patrolRoutes.get('/shifts', async (c) => {
  const userId = me(c);
  const [shifts, teams] = await Promise.all([listOpenShifts(c.var.deps.db, { userId, now: now(c) }), listTeamsForResident(c.var.deps.db, userId)]);
  return render(c, { title: c.var.t('shifts.title'), body: <ShiftsPage v={viewCtx(c)} shifts={shifts} teams={teams} notice={noticeOf(c)} /> });
});

async function shiftPage(c: C, opts: { error?: Msg; status?: number } = {}) {
  const data = await getMyShift(c.var.deps.db, { rawShiftId: c.req.param('id')!, userId: me(c) });
  const leader = data.shift.kind === 'patrol' && (await isTeamLeader(c.var.deps.db, data.shift.teamId, me(c)));
  const body = <MyShiftPage v={viewCtx(c)} data={data} notice={opts.error ? undefined : noticeOf(c)} error={opts.error} leaderHref={leader ? `/shifts/${data.shift.id}/leader` : undefined} />;
  return render(c, { title: data.shift.title, body, status: opts.status });
}

patrolRoutes.get('/shifts/:id', (c) => shiftPage(c));

patrolRoutes.post('/shifts/:id/sign-up', async (c) => {
  const res = await tryForm(c, () => signUp(c.var.deps.db, { rawShiftId: c.req.param('id'), userId: me(c), now: now(c), timeZone: tz(c) }));
  if (res.ok) return redirectTo(c, `/shifts/${c.req.param('id')}?done=${res.value.status}`);
  return shiftPage(c, { error: res.formError, status: res.status });
});

patrolRoutes.post('/shifts/:id/cancel', async (c) => {
  const res = await tryForm(c, () => cancelSignUp(c.var.deps.db, { rawShiftId: c.req.param('id'), userId: me(c), now: now(c), timeZone: tz(c) }));
  if (res.ok) return redirectTo(c, '/shifts?done=cancelled');
  return shiftPage(c, { error: res.formError, status: res.status });
});

patrolRoutes.post('/shifts/:id/check-out', async (c) => {
  const res = await tryForm(c, () => checkOut(c.var.deps.db, { rawShiftId: c.req.param('id'), userId: me(c), now: now(c), timeZone: tz(c) }));
  if (res.ok) return redirectTo(c, `/shifts/${c.req.param('id')}?done=out`);
  return shiftPage(c, { error: res.formError, status: res.status });
});

patrolRoutes.post('/teams/:id/join', async (c) => {
  await requestJoin(c.var.deps.db, { rawTeamId: c.req.param('id'), userId: me(c), now: now(c) }).catch((err) => {
    // Asking twice is harmless: the list already shows the request as pending.
    if (!(err instanceof AppError && err.code === 'conflict')) throw err;
  });
  return redirectTo(c, '/shifts?done=joined');
});

/** A random id for this phone, kept a year: the same phone checking in two accounts at one checkpoint is flagged. */
function deviceId(c: C): string {
  const existing = getCookie(c, 'anlin_dev');
  if (existing && /^[a-f0-9]{32}$/.test(existing)) return existing;
  const id = randomBytes(16).toString('hex');
  setCookie(c, 'anlin_dev', id, { httpOnly: true, sameSite: 'Lax', secure: c.var.deps.config.cookieSecure, path: '/', maxAge: 365 * 86_400 });
  return id;
}

for (const [path, kind] of [['/patrol/check-in', 'patrol'], ['/events/check-in', 'activity']] as const) {
  patrolRoutes.get(path, async (c) => {
    me(c);
    deviceId(c);
    const code = await loadScannedCode(c.var.deps.db, c.req.query('qr'));
    const checkOutShiftId = await checkOutOffer(c.var.deps.db, { code, userId: me(c), now: now(c), windowMinutes: c.var.deps.config.PATROL_WINDOW_MINUTES });
    const body = <CheckInPage v={viewCtx(c)} qr={c.req.query('qr')!.trim().toUpperCase()} placeName={code.placeName} kind={kind} scriptSrc={SCRIPT_SRC} checkOutShiftId={checkOutShiftId} />;
    return render(c, { title: c.var.t(kind === 'patrol' ? 'checkin.titlePatrol' : 'checkin.titleActivity'), body });
  });

  patrolRoutes.post(path, async (c) => {
    const form = await formBody(c);
    const userId = me(c);
    const res = await tryForm(c, () =>
      checkIn(c.var.deps.db, {
        rawCode: form.qr, userId, now: now(c), windowMinutes: c.var.deps.config.PATROL_WINDOW_MINUTES,
        location: parseLocation(form.lat, form.lng), deviceId: deviceId(c),
      }),
    );
    if (res.ok) return redirectTo(c, `/shifts/${res.value.shiftId}?done=in&place=${encodeURIComponent(res.value.placeName)}`);
    const code = await loadScannedCode(c.var.deps.db, form.qr);
    const body = <CheckInPage v={viewCtx(c)} qr={form.qr.trim().toUpperCase()} placeName={code.placeName} kind={kind} scriptSrc={SCRIPT_SRC} error={res.formError} />;
    return render(c, { title: c.var.t('checkin.titlePatrol'), body, status: res.status });
  });
}

/** The leader's box: the code for this 30 s window as digits and as a QR code of the join URL. */
async function leaderBox(c: C) {
  const { shift, code, secondsLeft } = await currentLeaderCode(c.var.deps.db, { rawShiftId: c.req.param('id')!, userId: me(c), now: now(c) });
  const url = `${c.var.deps.config.BASE_URL.replace(/\/+$/, '')}/patrol/join?s=${shift.id}&c=${code}`;
  const qrDataUrl = await QRCode.toDataURL(url, { margin: 1, width: 480, errorCorrectionLevel: 'M' });
  return { shift, box: { v: viewCtx(c), shiftId: shift.id, code, secondsLeft, qrDataUrl } };
}

patrolRoutes.get('/shifts/:id/leader', async (c) => {
  const { shift, box } = await leaderBox(c);
  return render(c, { title: c.var.t('leader.title'), body: <LeaderPage v={viewCtx(c)} title={shift.title} box={box} /> });
});

patrolRoutes.get('/shifts/:id/leader/code', async (c) => {
  const { box } = await leaderBox(c);
  const partial = <LeaderCodeBox {...box} />;
  return render(c, { title: c.var.t('leader.title'), body: partial, partial });
});

patrolRoutes.get('/patrol/join', async (c) => {
  me(c);
  const data = await getMyShift(c.var.deps.db, { rawShiftId: c.req.query('s') ?? '', userId: me(c) });
  const body = <JoinLeaderPage v={viewCtx(c)} shiftId={String(data.shift.id)} code={(c.req.query('c') ?? '').slice(0, 6)} title={data.shift.title} />;
  return render(c, { title: c.var.t('leader.join'), body });
});

patrolRoutes.post('/patrol/join', async (c) => {
  const form = await formBody(c);
  const res = await tryForm(c, () =>
    leaderCheckIn(c.var.deps.db, { rawShiftId: form.s ?? '', code: form.c ?? '', userId: me(c), now: now(c), windowMinutes: c.var.deps.config.PATROL_WINDOW_MINUTES, deviceId: deviceId(c) }),
  );
  if (res.ok) return redirectTo(c, `/shifts/${res.value.shiftId}?done=leader`);
  const data = await getMyShift(c.var.deps.db, { rawShiftId: form.s ?? '', userId: me(c) });
  return render(c, { title: data.shift.title, body: <MyShiftPage v={viewCtx(c)} data={data} error={res.formError} />, status: res.status });
});

// A resident who leads a team approves its join requests (an organiser can do the same from /organiser).
patrolRoutes.get('/teams/:id', async (c) => {
  const data = await ledTeamRequests(c.var.deps.db, { rawTeamId: c.req.param('id'), userId: me(c) });
  const done = c.req.query('done');
  const notice = done === 'approved' ? c.var.t('org.done.approved') : done === 'declined' ? c.var.t('org.done.declined') : undefined;
  return render(c, { title: data.team.name, body: <LedTeamPage v={viewCtx(c)} data={data} notice={notice} /> });
});

for (const action of ['approve', 'decline'] as const) {
  patrolRoutes.post(`/teams/:id/requests/:uid/${action}`, async (c) => {
    await decideJoin(c.var.deps.db, { userId: me(c), scope: null }, { rawTeamId: c.req.param('id'), rawUserId: c.req.param('uid'), approve: action === 'approve', now: now(c) });
    return redirectTo(c, `/teams/${c.req.param('id')}?done=${action === 'approve' ? 'approved' : 'declined'}`);
  });
}

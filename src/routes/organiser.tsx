// /organiser: teams and join approval, recurring shifts and routes, activities, tonight's live patrol, flag review,
// attendance reports with CSV and the heat map. Organisers (and community admins) see only their communities' teams.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { attachmentHeader, toCsv } from '../domain/csv/stringify';
import type { Msg } from '../domain/errors';
import { recordAudit } from '../domain/audit/record-audit';
import { clockFor } from '../domain/patrols/app-clock';
import { ATTENDANCE_CSV_COLUMNS, attendanceCsvRows, attendanceReport } from '../domain/patrols/attendance-report';
import { cancelShift } from '../domain/patrols/cancel-shift';
import { createActivity } from '../domain/patrols/create-activity';
import { livePatrol } from '../domain/patrols/live-patrol';
import { organiserHome } from '../domain/patrols/organiser-home';
import { organiserCommunities, PATROL_STAFF_ROLES } from '../domain/patrols/organiser-scope';
import { listFlags, reviewFlag } from '../domain/patrols/review-flags';
import { createTeam } from '../domain/patrols/save-team';
import { createTemplate } from '../domain/patrols/save-template';
import { shiftRoster } from '../domain/patrols/shift-roster';
import { teamDetail } from '../domain/patrols/team-detail';
import { decideJoin, setLeader } from '../domain/patrols/team-membership';
import { localClock } from '../domain/points/clock';
import { currentRuleSet } from '../domain/rules/current-rule-set';
import { clientIp } from '../middleware/client-ip';
import { requireStaff } from '../middleware/require-role';
import { ActivityFormPage } from '../../views/pages/organiser/activity-form';
import { FlagsPage } from '../../views/pages/organiser/flags';
import { OrganiserHomePage } from '../../views/pages/organiser/home';
import { LiveBoard, LivePage } from '../../views/pages/organiser/live';
import { ReportsPage } from '../../views/pages/organiser/reports';
import { OrganiserShiftPage } from '../../views/pages/organiser/shift';
import { TeamPage } from '../../views/pages/organiser/team';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';
import type { FieldErrors } from '../../views/components/field';

export const organiserRoutes = new Hono<AppEnv>();
organiserRoutes.use('/organiser', requireStaff(PATROL_STAFF_ROLES));
organiserRoutes.use('/organiser/*', requireStaff(PATROL_STAFF_ROLES));
type C = Context<AppEnv>;

const now = (c: C) => clockFor(c.var.deps.config)();
const tz = (c: C) => c.var.deps.config.DISPLAY_TZ;
const actor = (c: C) => c.var.user!.id;
const NOTICES: Record<string, Parameters<C['var']['t']>[0]> = {
  team: 'org.done.team', template: 'org.done.template', activity: 'org.done.activity', cancelled: 'org.done.cancelled',
  approved: 'org.done.approved', declined: 'org.done.declined', leader: 'org.done.leader', accepted: 'org.done.accepted', voided: 'org.done.voided',
};
const noticeOf = (c: C) => {
  const k = c.req.query('done');
  return k && NOTICES[k] ? c.var.t(NOTICES[k]) : undefined;
};

interface FormState { error?: Msg; errors?: FieldErrors; values?: Record<string, string>; status?: number }

async function homePage(c: C, s: FormState = {}) {
  const data = await organiserHome(c.var.deps.db, c.var.staffScope, now(c));
  return render(c, { title: c.var.t('org.title'), body: <OrganiserHomePage v={viewCtx(c)} data={data} notice={s.error ? undefined : noticeOf(c)} {...s} />, status: s.status });
}
organiserRoutes.get('/organiser', (c) => homePage(c));

organiserRoutes.post('/organiser/teams', async (c) => {
  const form = await formBody(c);
  const res = await tryForm(c, () => createTeam(c.var.deps.db, c.var.staffScope, { form, actorUserId: actor(c), ip: clientIp(c) }));
  if (res.ok) return redirectTo(c, `/organiser/teams/${res.value.id}?done=team`);
  return homePage(c, { error: res.formError, errors: res.fields, values: form, status: res.status });
});

async function teamPage(c: C, rawId: string, s: FormState = {}) {
  const db = c.var.deps.db;
  const data = await teamDetail(db, c.var.staffScope, rawId);
  const home = await organiserHome(db, c.var.staffScope, now(c));
  const checkpoints = home.checkpoints.filter((p) => p.communityId === data.team.communityId);
  const body = <TeamPage v={viewCtx(c)} data={data} checkpoints={checkpoints} today={localClock(now(c), tz(c)).day} notice={s.error ? undefined : noticeOf(c)} {...s} />;
  return render(c, { title: data.team.name, body, status: s.status });
}
organiserRoutes.get('/organiser/teams/:id', (c) => teamPage(c, c.req.param('id')));

for (const action of ['approve', 'decline', 'lead', 'unlead'] as const) {
  organiserRoutes.post(`/organiser/teams/:id/members/:uid/${action}`, async (c) => {
    const input = { rawTeamId: c.req.param('id'), rawUserId: c.req.param('uid') };
    const res = await tryForm(c, () =>
      action === 'approve' || action === 'decline'
        ? decideJoin(c.var.deps.db, { userId: actor(c), scope: c.var.staffScope }, { ...input, approve: action === 'approve', now: now(c), ip: clientIp(c) })
        : setLeader(c.var.deps.db, c.var.staffScope, { ...input, leader: action === 'lead', actorUserId: actor(c), ip: clientIp(c) }),
    );
    const done = action === 'approve' ? 'approved' : action === 'decline' ? 'declined' : 'leader';
    if (res.ok) return redirectTo(c, `/organiser/teams/${input.rawTeamId}?done=${done}`);
    return teamPage(c, input.rawTeamId, { error: res.formError, status: res.status });
  });
}

organiserRoutes.post('/organiser/templates', async (c) => {
  const form = await formBody(c);
  const res = await tryForm(c, () =>
    createTemplate(c.var.deps.db, c.var.staffScope, { form, actorUserId: actor(c), now: now(c), timeZone: tz(c), aheadDays: c.var.deps.config.SHIFTS_AHEAD_DAYS, ip: clientIp(c) }),
  );
  if (res.ok) return redirectTo(c, `/organiser/teams/${res.value.teamId}?done=template`);
  return teamPage(c, form.teamId ?? '', { error: res.formError, errors: res.fields, values: form, status: res.status });
});

async function shiftPage(c: C, s: FormState = {}) {
  const { shift, roster } = await shiftRoster(c.var.deps.db, c.var.staffScope, c.req.param('id')!);
  return render(c, { title: shift.title, body: <OrganiserShiftPage v={viewCtx(c)} shift={shift} roster={roster} notice={s.error ? undefined : noticeOf(c)} {...s} />, status: s.status });
}
organiserRoutes.get('/organiser/shifts/:id', (c) => shiftPage(c));
organiserRoutes.post('/organiser/shifts/:id/cancel', async (c) => {
  const form = await formBody(c);
  const res = await tryForm(c, () => cancelShift(c.var.deps.db, c.var.staffScope, { rawShiftId: c.req.param('id'), notice: form.notice, actorUserId: actor(c), timeZone: tz(c), ip: clientIp(c) }));
  if (res.ok) return redirectTo(c, `/organiser/shifts/${c.req.param('id')}?done=cancelled`);
  return shiftPage(c, { error: res.formError, errors: res.fields, status: res.status });
});

async function activityForm(c: C, s: FormState = {}) {
  const db = c.var.deps.db;
  const home = await organiserHome(db, c.var.staffScope, now(c));
  const cid = organiserCommunities(c.var.staffScope)[0];
  const rules = cid ? await currentRuleSet(db, cid, now(c), tz(c)).catch(() => null) : null;
  const body = <ActivityFormPage v={viewCtx(c)} teams={home.teams} places={home.places} pointsPerHour={rules?.body.volunteer_activity.points_per_hour ?? null} {...s} />;
  return render(c, { title: c.var.t('org.newActivity'), body, status: s.status });
}
organiserRoutes.get('/organiser/activities/new', (c) => activityForm(c));
organiserRoutes.post('/organiser/activities', async (c) => {
  const form = await formBody(c);
  const res = await tryForm(c, () => createActivity(c.var.deps.db, c.var.staffScope, { form, actorUserId: actor(c), now: now(c), timeZone: tz(c), ip: clientIp(c) }));
  if (res.ok) return redirectTo(c, `/organiser/shifts/${res.value.id}?done=activity`);
  return activityForm(c, { error: res.formError, errors: res.fields, values: form, status: res.status });
});

const live = (c: C) => livePatrol(c.var.deps.db, c.var.staffScope, { now: now(c), windowMinutes: c.var.deps.config.PATROL_WINDOW_MINUTES });
organiserRoutes.get('/organiser/live', async (c) => render(c, { title: c.var.t('org.live'), body: <LivePage v={viewCtx(c)} live={await live(c)} at={now(c)} /> }));
organiserRoutes.get('/organiser/live/board', async (c) => {
  const board = <LiveBoard v={viewCtx(c)} live={await live(c)} at={now(c)} />;
  return render(c, { title: c.var.t('org.live'), body: board, partial: board });
});

async function flagsPage(c: C, s: FormState = {}) {
  const flags = await listFlags(c.var.deps.db, c.var.staffScope);
  return render(c, { title: c.var.t('org.flagsTitle'), body: <FlagsPage v={viewCtx(c)} flags={flags} notice={s.error ? undefined : noticeOf(c)} />, status: s.status });
}
organiserRoutes.get('/organiser/flags', (c) => flagsPage(c));
for (const action of ['accept', 'void'] as const) {
  organiserRoutes.post(`/organiser/flags/:id/${action}`, async (c) => {
    const res = await tryForm(c, () =>
      reviewFlag(c.var.deps.db, c.var.staffScope, { rawSignupId: c.req.param('id'), accept: action === 'accept', actorUserId: actor(c), now: now(c), timeZone: tz(c), ip: clientIp(c) }),
    );
    if (res.ok) return redirectTo(c, `/organiser/flags?done=${action === 'accept' ? 'accepted' : 'voided'}`);
    return flagsPage(c, { error: res.formError, status: res.status });
  });
}

organiserRoutes.get('/organiser/reports', async (c) => {
  const report = await attendanceReport(c.var.deps.db, c.var.staffScope, { month: c.req.query('month'), now: now(c), timeZone: tz(c) });
  return render(c, { title: c.var.t('org.reports'), body: <ReportsPage v={viewCtx(c)} report={report} /> });
});
organiserRoutes.get('/organiser/reports.csv', async (c) => {
  const db = c.var.deps.db;
  const report = await attendanceReport(db, c.var.staffScope, { month: c.req.query('month'), now: now(c), timeZone: tz(c) });
  const rows = attendanceCsvRows(report);
  await recordAudit(db, { actorUserId: actor(c), communityId: organiserCommunities(c.var.staffScope)[0] ?? null, action: 'export.attendance', targetType: 'attendance', targetId: report.month, after: { rows: rows.length }, ip: clientIp(c) });
  return c.body(toCsv(ATTENDANCE_CSV_COLUMNS, rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachmentHeader(`巡逻出勤-${report.month}.csv`), 'Cache-Control': 'private, no-store',
  });
});

// Sign-in and account routes: resident phone + code, staff password, sign-out, password change, language.
import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { changePassword } from '../domain/auth/change-password';
import { AppError } from '../domain/errors';
import { rankingOptOut, setRankingOptOut } from '../domain/residents/ranking-opt-out';
import { setResidentName } from '../domain/residents/display-name';
import type { FieldErrors } from '../../views/components/field';
import { maskPhone, normalizePhone } from '../domain/auth/phone';
import { requestSignInCode } from '../domain/auth/request-sign-in-code';
import { invalidateSession, invalidateUserSessions } from '../domain/auth/sessions';
import { signInStaff } from '../domain/auth/sign-in-staff';
import { verifySignInCode } from '../domain/auth/verify-sign-in-code';
import { clientIp } from '../middleware/client-ip';
import { LANG_COOKIE } from '../middleware/i18n';
import { requireStaff, requireUser, safeNext } from '../middleware/require-role';
import { clearSessionCookie, setSessionCookie } from '../middleware/session';
import { AccountPage } from '../../views/pages/account';
import { ChangePasswordForm } from '../../views/pages/auth/change-password';
import { CodeStep, PhoneStep } from '../../views/pages/auth/resident-login';
import { StaffLoginForm } from '../../views/pages/auth/staff-login';
import { formBody, redirectTo, render, tryForm, viewCtx } from './render';

export const authRoutes = new Hono<AppEnv>();

const authDeps = (c: { var: AppEnv['Variables'] }) => ({ db: c.var.deps.db, limiter: c.var.deps.limiter, sms: c.var.deps.sms });
const safeMask = (phone: string) => {
  try {
    return maskPhone(normalizePhone(phone));
  } catch {
    return '';
  }
};

authRoutes.get('/login', (c) => {
  const next = safeNext(c.req.query('next'), '/');
  const body = <PhoneStep t={c.var.t} next={next} />;
  return render(c, { title: c.var.t('login.title'), body, partial: body });
});

authRoutes.post('/login/code', async (c) => {
  const form = await formBody(c);
  const next = safeNext(form.next, '/');
  const t = c.var.t;
  const res = await tryForm(c, () => requestSignInCode(authDeps(c), { phone: form.phone, ip: clientIp(c) }));
  if (!res.ok) {
    // A too-soon resend still lets the person type the code they already have.
    const phoneOk = !res.fields.phone && safeMask(form.phone ?? '');
    const body = phoneOk ? (
      <CodeStep t={t} phone={normalizePhone(form.phone)} maskedPhone={phoneOk} next={next} formError={res.formError} />
    ) : (
      <PhoneStep t={t} phone={form.phone} next={next} errors={res.fields} formError={res.formError} />
    );
    return render(c, { title: t('login.title'), body, partial: body, status: res.status });
  }
  const { phone, code } = res.value;
  const demoCode = c.var.deps.config.demoMode ? code : undefined;
  const body = <CodeStep t={t} phone={phone} maskedPhone={maskPhone(phone)} next={next} demoCode={demoCode} />;
  return render(c, { title: t('login.title'), body, partial: body });
});

authRoutes.post('/login/verify', async (c) => {
  const form = await formBody(c);
  const next = safeNext(form.next, '/');
  const t = c.var.t;
  const res = await tryForm(c, () => verifySignInCode(authDeps(c), { phone: form.phone, code: form.code, ip: clientIp(c) }));
  if (res.ok) {
    setSessionCookie(c, res.value.token);
    return redirectTo(c, next);
  }
  const masked = safeMask(form.phone ?? '');
  const body = masked ? (
    <CodeStep t={t} phone={normalizePhone(form.phone)} maskedPhone={masked} next={next} code={form.code} errors={res.fields} formError={res.formError} />
  ) : (
    <PhoneStep t={t} phone={form.phone} next={next} errors={res.fields} formError={res.formError} />
  );
  return render(c, { title: t('login.title'), body, partial: body, status: res.status });
});

authRoutes.get('/staff/login', (c) => {
  const body = <StaffLoginForm t={c.var.t} next={safeNext(c.req.query('next'), '/staff')} />;
  return render(c, { title: c.var.t('staffLogin.title'), body, partial: body });
});

authRoutes.post('/staff/login', async (c) => {
  const form = await formBody(c);
  const next = safeNext(form.next, '/staff');
  const res = await tryForm(c, () =>
    signInStaff({ db: c.var.deps.db, limiter: c.var.deps.limiter }, { username: form.username, password: form.password, ip: clientIp(c) }),
  );
  if (res.ok) {
    setSessionCookie(c, res.value.token);
    return redirectTo(c, res.value.mustChangePassword ? '/account/password' : next);
  }
  const body = <StaffLoginForm t={c.var.t} username={form.username} next={next} errors={res.fields} formError={res.formError} />;
  return render(c, { title: c.var.t('staffLogin.title'), body, partial: body, status: res.status });
});

authRoutes.post('/logout', async (c) => {
  if (c.var.sessionId) await invalidateSession(c.var.deps.db, c.var.sessionId);
  clearSessionCookie(c);
  return redirectTo(c, '/');
});

authRoutes.post('/logout/everywhere', requireUser, async (c) => {
  await invalidateUserSessions(c.var.deps.db, c.var.user!.id);
  clearSessionCookie(c);
  return redirectTo(c, '/');
});

const accountPage = async (c: Context<AppEnv>, name?: { value: string; errors?: FieldErrors; saved?: boolean }, status = 200) => {
  const user = c.var.user!;
  const ranking = user.kind === 'resident' ? { optOut: await rankingOptOut(c.var.deps.db, user.id), saved: c.req.query('ranking') === 'saved' } : undefined;
  const body = (
    <AccountPage
      v={viewCtx(c)}
      maskedPhone={user.phone ? maskPhone(user.phone) : undefined}
      username={user.username ?? undefined}
      name={user.kind === 'resident' ? (name ?? { value: user.displayName }) : undefined}
      ranking={ranking}
    />
  );
  return render(c, { title: c.var.t('account.title'), body, status: status as 200 });
};

authRoutes.get('/account', requireUser, (c) => accountPage(c, c.req.query('saved') ? { value: c.var.user!.displayName, saved: true } : undefined));

// A resident's 称呼 (optional): shown masked (张**) wherever the public sees it.
authRoutes.post('/account/name', requireUser, async (c) => {
  const user = c.var.user!;
  if (user.kind !== 'resident') throw new AppError('forbidden', 'error.403');
  const form = await formBody(c);
  const res = await tryForm(c, () => setResidentName(c.var.deps.db, user.id, form.displayName ?? ''));
  if (!res.ok) return accountPage(c, { value: (form.displayName ?? '').slice(0, 200), errors: res.fields }, res.status);
  return redirectTo(c, '/account?saved=1');
});

// Off the public monthly ranking, or back on it.
authRoutes.post('/account/ranking', requireUser, async (c) => {
  const user = c.var.user!;
  if (user.kind !== 'resident') throw new AppError('forbidden', 'error.403');
  const form = await formBody(c);
  await setRankingOptOut(c.var.deps.db, user.id, form.optOut);
  return redirectTo(c, '/account?ranking=saved');
});

authRoutes.get('/account/password', requireStaff(), (c) => {
  const body = <ChangePasswordForm t={c.var.t} mustChange={c.var.user!.mustChangePassword} />;
  return render(c, { title: c.var.t('password.title'), body, partial: body });
});

authRoutes.post('/account/password', requireStaff(), async (c) => {
  const form = await formBody(c);
  const user = c.var.user!;
  const res = await tryForm(c, () =>
    changePassword(c.var.deps.db, {
      userId: user.id,
      sessionId: c.var.sessionId!,
      current: form.currentPassword,
      next: form.newPassword,
      confirm: form.confirmPassword,
      ip: clientIp(c),
    }),
  );
  const body = res.ok ? (
    <ChangePasswordForm t={c.var.t} mustChange={false} done />
  ) : (
    <ChangePasswordForm t={c.var.t} mustChange={user.mustChangePassword} errors={res.fields} formError={res.formError} />
  );
  return render(c, { title: c.var.t('password.title'), body, partial: body, status: res.ok ? 200 : res.status });
});

authRoutes.post('/lang', async (c) => {
  const form = await formBody(c);
  setCookie(c, LANG_COOKIE, form.lang === 'en' ? 'en' : 'zh-CN', { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
  return redirectTo(c, safeNext(form.next, '/'));
});

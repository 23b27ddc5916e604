// Tips and wishes from a 民情收集 QR code: the form (/report/new), one POST that also signs the resident in inline, and the receipt.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { maskPhone, normalizePhone } from '../domain/auth/phone';
import { requestSignInCode } from '../domain/auth/request-sign-in-code';
import { verifySignInCode } from '../domain/auth/verify-sign-in-code';
import { AppError, type Msg } from '../domain/errors';
import { DRAFT_COOKIE, DRAFT_PHOTO_TTL_MS, MAX_PHOTOS_PER_ITEM } from '../domain/photos/contract';
import { deleteDraftPhoto } from '../domain/photos/delete-draft-photo';
import { isDraftToken, newDraftToken } from '../domain/photos/draft-token';
import { ingestPhoto } from '../domain/photos/ingest-photo';
import { listDraftPhotos } from '../domain/photos/list-draft-photos';
import { normalizeCode } from '../domain/qr/generate-code';
import { resolveScan, type ScanTarget } from '../domain/qr/resolve-scan';
import { qrScanCache } from '../domain/qr/scan-cache';
import { getReceipt } from '../domain/submissions/get-receipt';
import { gridForPlace, loadReportContext, type ReportContext } from '../domain/submissions/load-report-context';
import { checkReport, readReportValues, type ReportFormValues } from '../domain/submissions/report-form';
import { checkSubmitLimit } from '../domain/submissions/submit-rate-limit';
import { oneAtATime } from '../domain/submissions/one-at-a-time';
import { findFiledReport, submitReport } from '../domain/submissions/submit-report';
import { clientIp } from '../middleware/client-ip';
import { requireUser } from '../middleware/require-role';
import { setSessionCookie } from '../middleware/session';
import type { FieldErrors } from '../../views/components/field';
import { DisabledCodePage, ReplacedCodePage, UnknownCodePage } from '../../views/pages/qr/scan-status';
import { ReceiptPage } from '../../views/pages/report/receipt';
import { ReportFormPage } from '../../views/pages/report/form';
import { HowToReportPage } from '../../views/pages/report/how-to';
import { listReportPosterPlaces } from '../domain/qr/list-report-poster-places';
import { wallCommunity } from '../domain/wishes/wall-community';
import type { SignInState } from '../../views/pages/report/sign-in-step';
import { render, viewCtx } from './render';
import { precompressedAsset } from './static-asset';

export const reportRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;

// Progressive enhancement only (photo count, location on request); content-hashed so it can be cached for a year.
const script = readFileSync(new URL('../../public/js/report.js', import.meta.url));
const SCRIPT_SRC = `/report/report.${createHash('sha256').update(script).digest('hex').slice(0, 10)}.js`;
reportRoutes.get(SCRIPT_SRC, precompressedAsset(script, 'text/javascript; charset=utf-8'));

/** The scanned code behind a form, or the scan pages' answer for a code that cannot take reports. */
async function reportTarget(c: C, raw: string | undefined): Promise<{ ctx: ReportContext } | { page: Response }> {
  const code = normalizeCode(raw);
  const { db } = c.var.deps;
  const target: ScanTarget | null = code ? await qrScanCache(c.var.deps).cache.get(code, (k) => resolveScan(db, k)) : null;
  const v = viewCtx(c);
  const t = c.var.t;
  if (!target) return { page: await render(c, { title: t('qr.unknown.title'), body: <UnknownCodePage v={v} />, status: 404 }) };
  if (target.status === 'disabled') return { page: await render(c, { title: t('qr.disabled.title'), body: <DisabledCodePage v={v} target={target} />, status: 404 }) };
  if (target.status === 'replaced') return { page: await render(c, { title: t('qr.replaced.title'), body: <ReplacedCodePage v={v} target={target} /> }) };
  return { ctx: await loadReportContext(db, target) };
}

interface FormState {
  values: ReportFormValues;
  token: string;
  signIn: SignInState;
  errors?: FieldErrors;
  formError?: Msg;
  signInError?: Msg;
  status?: number;
}

async function showForm(c: C, ctx: ReportContext, s: FormState) {
  const photos = await listDraftPhotos(c.var.deps.db, s.token);
  // Draft thumbnails are served only to the browser holding the form's token.
  if (photos.length) {
    setCookie(c, DRAFT_COOKIE, s.token, { path: '/photos', httpOnly: true, secure: c.var.deps.config.cookieSecure, sameSite: 'Lax', maxAge: DRAFT_PHOTO_TTL_MS / 1000 });
  }
  // The page carries the form token (and in demo mode a sign-in code): never cached.
  c.header('Cache-Control', 'no-store');
  const body = <ReportFormPage v={viewCtx(c)} ctx={ctx} photos={photos} scriptSrc={SCRIPT_SRC} {...s} />;
  return render(c, { title: c.var.t(`report.title.${s.values.kind}`), body, status: s.status ?? 200 });
}

const signedIn = (c: C): SignInState => ({ state: 'signedIn', maskedPhone: c.var.user?.phone ? maskPhone(c.var.user.phone) : '' });
const defaultPlace = (ctx: ReportContext) => (ctx.qr.placeId !== null ? String(ctx.qr.placeId) : '');

// How to report without a scanned poster: the target of every "report something" link that has no code to carry.
reportRoutes.get('/report', async (c) => {
  const { db } = c.var.deps;
  const picked = await wallCommunity(db, { requested: c.req.query('c'), userId: c.var.user?.id });
  const areas = picked ? await listReportPosterPlaces(db, picked.current.id) : [];
  const body = <HowToReportPage v={viewCtx(c)} community={picked?.current ?? null} communities={picked?.communities ?? []} areas={areas} />;
  return render(c, { title: c.var.t('howto.title'), body });
});

reportRoutes.get('/report/new', async (c) => {
  // No code at all (an old bookmark, a link from a page that has none): explain where reports start instead of "not found".
  if (c.req.query('qr') === undefined) return c.redirect('/report', 303);
  const found = await reportTarget(c, c.req.query('qr'));
  if ('page' in found) return found.page;
  const values = readReportValues({}, { kind: c.req.query('kind'), place: defaultPlace(found.ctx) });
  return showForm(c, found.ctx, { values, token: newDraftToken(), signIn: c.var.user ? signedIn(c) : { state: 'phone' } });
});

/** Multipart (photos) or urlencoded; text fields as strings (first value wins), chosen files as a list. */
async function readBody(c: C): Promise<{ fields: Record<string, string>; files: File[]; nul: FieldErrors }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) throw new AppError('unsupported_media_type', 'error.415');
  const body = await c.req.parseBody({ all: true }).catch(() => {
    throw new AppError('bad_request', 'error.400');
  });
  const fields: Record<string, string> = {};
  const files: File[] = [];
  const nul: FieldErrors = {};
  for (const [k, raw] of Object.entries(body)) {
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      if (typeof v !== 'string') {
        // An empty file input still sends one nameless, empty part.
        if (k === 'photos' && (v.size > 0 || v.name !== '')) files.push(v);
        continue;
      }
      if (k in fields) continue;
      // Postgres text cannot hold NUL: a 400 with the message beside the field, and the rest of the text kept.
      if (v.includes('\u0000')) nul[k === 'lat' || k === 'lng' ? 'location' : k] = { key: 'err.text.nul' };
      fields[k] = v.replaceAll('\u0000', '');
    }
  }
  return { fields, files, nul };
}

/** Stores newly chosen photos as drafts of this form; refusals become a message beside the photo field. */
async function takePhotos(c: C, token: string, files: File[]): Promise<{ error: Msg; status: number } | null> {
  if (!files.length) return null;
  const { db, photos: storage } = c.var.deps;
  const already = (await listDraftPhotos(db, token)).length;
  // Counted before anything is decoded: 5 (or 20) photos are refused whole.
  if (already + files.length > MAX_PHOTOS_PER_ITEM) return { error: { key: 'report.err.tooManyPhotos', params: { max: MAX_PHOTOS_PER_ITEM } }, status: 400 };
  for (const file of files) {
    try {
      await ingestPhoto({ db, storage }, { bytes: new Uint8Array(await file.arrayBuffer()), draftToken: token, uploaderUserId: c.var.user?.id ?? null });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 && err.code !== 'unavailable') throw err;
      const reason = c.var.t(err.msg.key, err.msg.params);
      return { error: { key: 'report.err.photoFailed', params: { name: file.name.slice(0, 60) || '?', reason } }, status: err.status };
    }
  }
  return null;
}

reportRoutes.post('/report', async (c) => {
  const { fields: f, files, nul } = await readBody(c);
  const found = await reportTarget(c, f.qr);
  if ('page' in found) return found.page;
  const form: PostedForm = { ctx: found.ctx, f, files, values: readReportValues(f, { place: defaultPlace(found.ctx) }) };
  const signIn = signInFor(c, f);
  if (Object.keys(nul).length) return showForm(c, form.ctx, { values: form.values, token: newDraftToken(), signIn, errors: nul, formError: { key: 'err.form.invalid' }, status: 400 });
  if (!isDraftToken(f.token)) return showForm(c, form.ctx, { values: form.values, token: newDraftToken(), signIn, formError: { key: 'report.err.token' }, status: 400 });
  return oneAtATime(`report:${f.token}`, () => handleReport(c, form, f.token));
});

interface PostedForm {
  ctx: ReportContext;
  f: Record<string, string>;
  files: File[];
  values: ReportFormValues;
}

/** One post of the form, in order: a repeat of a filed form, photo removal, new photos, sign-in steps, then the filing itself. */
async function handleReport(c: C, { ctx, f, files, values }: PostedForm, token: string): Promise<Response> {
  const { db, logger, limiter, sms, config } = c.var.deps;
  const again = (s: Omit<FormState, 'values' | 'token'>) => showForm(c, ctx, { values, token, ...s });

  const user = c.var.user;
  if (user) {
    // A second tap of the same form answers with the first item's receipt, before any photo is touched.
    const filed = await findFiledReport(db, { userId: user.id, token });
    if (filed) return c.redirect(`/report/done/${filed}`, 303);
  }
  if (f.removePhoto) {
    await deleteDraftPhoto({ db, storage: c.var.deps.photos }, { draftToken: token, photoId: Number(f.removePhoto) }).catch((err: unknown) => {
      if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    });
    return again({ signIn: signInFor(c, f) });
  }
  const photoProblem = await takePhotos(c, token, files);
  if (photoProblem) return again({ signIn: signInFor(c, f), errors: { photos: photoProblem.error }, status: photoProblem.status });

  let userId = user?.id;
  if (!userId) {
    const step = f.step === 'auto' ? (f.code ? 'submit' : 'code') : f.step;
    const auth = { db, limiter, sms };
    if (step === 'phone') return again({ signIn: { state: 'phone', phone: f.phone } });
    if (step === 'code') {
      try {
        const sent = await requestSignInCode(auth, { phone: f.phone, ip: clientIp(c) });
        const demoCode = config.demoMode ? sent.code : undefined;
        return again({ signIn: { state: 'code', phone: sent.phone, maskedPhone: maskPhone(sent.phone), demoCode } });
      } catch (err) {
        const fail = formFailure(c, err);
        return again({ signIn: fail.fields.phone ? { state: 'phone', phone: f.phone } : codeOrPhone(f.phone, ''), errors: fail.fields, signInError: fail.formError, status: fail.status });
      }
    }
    if (!f.phone || !f.code) {
      const needed: Msg = { key: 'report.signIn.needed' };
      return again({ signIn: codeOrPhone(f.phone, f.code), errors: f.phone ? { code: { key: 'err.otp.format' } } : { phone: needed }, status: 401 });
    }
    try {
      const done = await verifySignInCode(auth, { phone: f.phone, code: f.code, ip: clientIp(c) });
      setSessionCookie(c, done.token);
      userId = done.userId;
      const filed = await findFiledReport(db, { userId, token });
      if (filed) return c.redirect(`/report/done/${filed}`, 303);
    } catch (err) {
      const fail = formFailure(c, err);
      return again({ signIn: codeOrPhone(f.phone, f.code), errors: fail.fields, signInError: fail.formError, status: fail.status });
    }
  }

  const checked = checkReport(values, { categories: ctx.ruleSet.body.categories, placeIds: new Set(ctx.places.map((p) => p.id)) });
  const nowSignedIn: SignInState = c.var.user ? signedIn(c) : { state: 'signedIn', maskedPhone: f.phone ? maskPhone(normalizePhone(f.phone)) : '' };
  if (!checked.ok) return again({ signIn: nowSignedIn, errors: checked.fields, formError: { key: 'err.form.invalid' }, status: 422 });
  try {
    await checkSubmitLimit({ limiter, logger }, userId);
  } catch (err) {
    const fail = formFailure(c, err);
    return again({ signIn: nowSignedIn, formError: fail.formError, status: fail.status });
  }
  const res = await submitReport(db, {
    userId,
    token,
    communityId: ctx.qr.communityId,
    qrCodeId: ctx.qr.id,
    gridId: gridForPlace(ctx, checked.data.placeId),
    ruleSet: ctx.ruleSet,
    data: checked.data,
    timeZone: config.DISPLAY_TZ,
  });
  // After commit; never throws. With Redis away the outbox row waits for the sweeper, and the resident still gets the receipt.
  if (res.outboxId !== null) await c.var.deps.jobs.dispatch([res.outboxId]);
  return c.redirect(`/report/done/${res.trackingNo}`, 303);
}

/** Where the sign-in part of a re-rendered form stands: signed in, waiting for a code that was sent, or asking for a phone. */
function signInFor(c: C, f: Record<string, string>): SignInState {
  if (c.var.user) return signedIn(c);
  return f.codeSent ? codeOrPhone(f.phone, f.code) : { state: 'phone', phone: f.phone?.slice(0, 20) };
}

function codeOrPhone(phone: string | undefined, code: string | undefined): SignInState {
  try {
    const p = normalizePhone(phone);
    return { state: 'code', phone: p, maskedPhone: maskPhone(p), code: code?.slice(0, 6) };
  } catch {
    return { state: 'phone', phone: phone?.slice(0, 20) };
  }
}

/** Sign-in and limit refusals as form data (fields, or one message); anything unexpected still goes to the error page. */
function formFailure(c: C, err: unknown): { fields: FieldErrors; formError?: Msg; status: number } {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
  const hasFields = Object.keys(err.fields).length > 0;
  return { fields: err.fields, formError: hasFields ? undefined : err.msg, status: err.status };
}

reportRoutes.get('/report/done/:trackingNo', requireUser, async (c) => {
  const r = await getReceipt(c.var.deps.db, { trackingNo: c.req.param('trackingNo'), userId: c.var.user!.id });
  c.header('Cache-Control', 'private, no-store');
  const body = <ReceiptPage v={viewCtx(c)} r={r} timeZone={c.var.deps.config.DISPLAY_TZ} />;
  return render(c, { title: r.trackingNo, body });
});

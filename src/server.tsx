// Builds the Hono app: middleware in order, the route modules, and the one error handler.
import { Hono, type MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX, compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;
import type { AppDeps, AppEnv } from './app-env';
import { AppError } from './domain/errors';
import { MAX_URL_BYTES } from './http-limits';
import type { MessageKey } from './i18n/messages';
import { bodyLimits } from './middleware/body-limits';
import { i18nMiddleware } from './middleware/i18n';
import { POOLED_NONCE } from './middleware/nonce';
import { sessionMiddleware } from './middleware/session';
import { adminRoutes } from './routes/admin';
import { adminConsoleRoutes } from './routes/admin-console';
import { adminLedgerRoutes } from './routes/admin-ledger';
import { latestDifferenceCount } from './domain/points/reconcile-runs';
import { adminRulesRoutes } from './routes/admin-rules';
import { staffActionsRoutes } from './routes/staff-actions';
import { staffItemRoutes } from './routes/staff-item';
import { staffQueueRoutes } from './routes/staff-queue';
import { adminQrRoutes } from './routes/admin-qr';
import { adminStructureRoutes } from './routes/admin-structure';
import { scanRoutes } from './routes/scan';
import { announcementRoutes } from './routes/announcements';
import { open311Routes } from './routes/open311';
import { monthlyReportRoutes } from './routes/reports';
import { rankingRoutes } from './routes/ranking';
import { meRoutes } from './routes/me';
import { photosRoutes } from './routes/photos';
import { reportRoutes } from './routes/report';
import { staffWishesRoutes } from './routes/staff-wishes';
import { wishesRoutes } from './routes/wishes';
import { rewardsRoutes } from './routes/rewards';
import { clerkRoutes } from './routes/clerk';
import { clerkCatalogRoutes } from './routes/clerk-catalog';
import { adminRewardsRoutes } from './routes/admin-rewards';
import { patrolRoutes } from './routes/patrols';
import { organiserRoutes } from './routes/organiser';
import { serviceRecordRoutes } from './routes/service-record';
import { assetRoutes } from './routes/assets';
import { authRoutes } from './routes/auth';
import { mountQueueDashboard } from './routes/queue-dashboard';
import { opsRoutes } from './routes/ops';
import { isPartialRequest, render } from './routes/render';
import { residentRoutes } from './routes/resident';
import { staffRoutes } from './routes/staff';
import { ErrorBody } from '../views/pages/error';

function securityHeaders(deps: AppDeps, dashboard: boolean, wasm = false): SecureHeadersOptions {
  return {
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // Only the clerk counter compiles WebAssembly (the ZXing scanner polyfill).
      scriptSrc: wasm ? ["'self'", POOLED_NONCE, "'wasm-unsafe-eval'"] : ["'self'", POOLED_NONCE],
      styleSrc: dashboard ? ["'self'", "'unsafe-inline'"] : ["'self'"],
      // htmx writes style attributes while settling swaps.
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: dashboard ? ["'self'"] : ["'none'"],
      objectSrc: ["'none'"],
    },
    strictTransportSecurity: deps.config.cookieSecure ? 'max-age=31536000; includeSubDomains' : false,
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: 'DENY',
    crossOriginEmbedderPolicy: false,
  };
}

/** Pages only staff (or a signed-in resident) open: never stored, even when nobody is signed in at the moment. */
const PRIVATE_AREAS = /^\/(?:staff|admin|me|clerk|account)(?:\/|$)/;

/**
 * Responses to a signed-in visitor, and everything under the private areas, get `private, no-store`: on a shared family
 * phone the back button after sign-out must not show the last person's pages. A route that chose its own
 * Cache-Control (photos, versioned scripts, downloads) keeps it.
 */
const privatePages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers; // set in place, as secureHeaders does: no copy of the response
  if ((c.get('user') || PRIVATE_AREAS.test(c.req.path)) && !headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
};

export function buildApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  deps.metrics.setLedgerSource(() => latestDifferenceCount(deps.db));

  // One frame for every request (assets included): services, defaults, the latency metric and the failure log.
  const debug = deps.logger.isLevelEnabled('debug');
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    // Defaults, so error pages render even when a guard fails before the session is read.
    c.set('user', null);
    c.set('sessionId', null);
    c.set('staffScope', []);
    await next();
    const route = c.req.routePath || 'unmatched';
    const status = c.res.status;
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(status) }, (performance.now() - started) / 1000);
    if (status >= 500) deps.logger.error({ reqId: c.get('requestId'), method: c.req.method, route, status }, 'request failed');
    else if (debug) deps.logger.debug({ reqId: c.get('requestId'), method: c.req.method, route, status }, 'request');
  });
  // Versioned, pre-compressed assets answer here, before the page middleware: they carry fixed security headers of
  // their own and need no language, session, nonce or CSRF check (see static-asset.ts).
  app.route('/', assetRoutes);
  app.use('*', i18nMiddleware);
  app.use('*', requestId());
  const appHeaders = secureHeaders(securityHeaders(deps, false));
  // bull-board (admins only) sets <base> and inline styles; it gets a looser policy, confined to its own path.
  const dashboardHeaders = secureHeaders(securityHeaders(deps, true));
  const counterHeaders = secureHeaders(securityHeaders(deps, false, true));
  app.use('*', (c, next) =>
    c.req.path.startsWith('/admin/queues') ? dashboardHeaders(c, next) : c.req.path === '/clerk' ? counterHeaders(c, next) : appHeaders(c, next));
  // Node refuses request lines + headers over MAX_HEADER_BYTES itself (http-server.ts); shorter but still absurd URLs
  // are refused here, with the usual error page (inside the security headers, so it has its CSP nonce). c.req.url is the string the router has already read.
  app.use('*', async (c, next) => {
    if (c.req.url.length > MAX_URL_BYTES) throw new AppError('uri_too_long', 'error.414');
    await next();
  });
  // Pages are compressed where they are rendered, and only when big enough (html-response.ts); this covers the rest
  // (CSV, JSON), whose size is not known here.
  app.use('*', compress({ contentTypeFilter: (type) => !type.startsWith('text/html') && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) }));
  app.use('*', csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || deps.config.trustedOrigins.includes(origin) }));
  app.use('*', bodyLimits);
  app.route('/', opsRoutes);
  app.use('*', sessionMiddleware);
  app.use('*', privatePages);
  app.route('/', authRoutes);
  app.route('/', residentRoutes);
  app.route('/', staffRoutes);
  app.route('/', adminRoutes);
  app.route('/', adminStructureRoutes);
  app.route('/', adminQrRoutes);
  app.route('/', adminRulesRoutes);
  app.route('/', adminLedgerRoutes);
  app.route('/', adminConsoleRoutes);
  app.route('/', staffQueueRoutes);
  app.route('/', staffItemRoutes);
  app.route('/', staffActionsRoutes);
  // Feature routes come before scanRoutes, whose "coming soon" pages stand in for what is not built yet.
  app.route('/', reportRoutes);
  app.route('/', photosRoutes);
  app.route('/', meRoutes);
  app.route('/', wishesRoutes);
  app.route('/', staffWishesRoutes);
  app.route('/', patrolRoutes);
  app.route('/', organiserRoutes);
  app.route('/', serviceRecordRoutes);
  app.route('/', announcementRoutes);
  app.route('/', open311Routes);
  app.route('/', monthlyReportRoutes);
  app.route('/', rankingRoutes);
  app.route('/', rewardsRoutes);
  app.route('/', clerkRoutes);
  app.route('/', clerkCatalogRoutes);
  app.route('/', adminRewardsRoutes);
  app.route('/', scanRoutes);
  mountQueueDashboard(app, deps);

  app.notFound((c) => {
    const t = c.get('t');
    const body = <ErrorBody t={t} status={404} message={t('error.404')} />;
    return render(c, { title: t('error.title'), body, partial: body, status: 404 });
  });

  app.onError((err, c) => {
    const t = c.get('t') ?? ((k: MessageKey) => k);
    let status = 500;
    let message = t('error.500');
    if (err instanceof AppError) {
      status = err.status;
      message = t(err.msg.key, err.msg.params);
      if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
    } else if (err instanceof HTTPException) {
      status = err.status;
      const key = `error.${status}` as MessageKey;
      message = status === 403 ? t('error.403.csrf') : t(key) !== key ? t(key) : t(status >= 500 ? 'error.500' : 'error.400');
    }
    if (status >= 500) deps.logger.error({ reqId: c.get('requestId'), err }, 'unhandled error');
    if (c.req.path.startsWith('/api/') || c.req.header('accept')?.startsWith('application/json')) {
      return c.json({ error: { status, message } }, status as 500);
    }
    const body = <ErrorBody t={t} status={status} message={message} />;
    if (isPartialRequest(c)) return c.html(String(body), status as 500);
    return render(c, { title: t('error.title'), body, partial: body, status });
  });

  return app;
}

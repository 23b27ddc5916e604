// The one place environment variables are read: parsed once at boot, so a typo fails fast with a readable line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The project directory (where package.json is). The default DATA_DIR is anchored here rather than to the shell's working
 * directory, so `npm start`, `npm run qr:posters` and the other CLIs, run from anywhere, open the same embedded database.
 */
export const PROJECT_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_DATA_DIR = path.join(PROJECT_DIR, 'data');

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Embedded database, local Redis and photos. Default: `data/` in the project directory; a relative value is taken from the working directory. */
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  /** Shows one-time codes on the page and seeds the embedded database: never on in production. */
  DEMO_MODE: bool.optional(),
  SMS_PROVIDER: z.enum(['console']).default('console'),
  /** Also send inbox notifications by SMS (status changes, replies, 心愿 offers). Off by default: SMS costs money per message. */
  NOTIFY_SMS: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Display zone; everything is stored in UTC. */
  DISPLAY_TZ: z.string().default('Asia/Shanghai'),
  /** Prefix for BullMQ keys, so tests and tenants sharing one Redis do not collide. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('anlin'),
  /** Cookie `Secure` flag; defaults on when BASE_URL is https. */
  COOKIE_SECURE: bool.optional(),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(20_000),
  /** Extra origins allowed by the CSRF check (comma-separated), for TLS proxies. */
  TRUSTED_ORIGINS: z.string().default(''),
  /** Trust X-Forwarded-For (set when running behind your own reverse proxy). */
  TRUST_PROXY: bool.optional(),
  /**
   * With TRUST_PROXY: how many proxies of your own append to X-Forwarded-For. The client address is the entry that
   * many places from the right (the one your outermost proxy wrote); anything to its left came from the client.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Bearer token for /metrics and the detailed /healthz on the public port. Unset: /metrics is a 404 there. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(200).optional(),
  /** A second listener for /metrics and the detailed /healthz without a token, bound to METRICS_HOST (loopback). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** A job whose worker stops renewing its lock for this long is retried elsewhere. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** How often the outbox sweeper re-enqueues jobs Redis lost or never got (e.g. items filed while Redis was down). */
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  /** 积分超市: days a goods voucher can be collected before its points and unit go back. */
  VOUCHER_VALID_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Patrols and activities: check-in and check-out are accepted this many minutes before the start / after the end. */
  PATROL_WINDOW_MINUTES: z.coerce.number().int().min(0).max(180).default(15),
  /** How many days of shifts the generator keeps ready ahead of today. */
  SHIFTS_AHEAD_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /**
   * Tests only (ignored unless NODE_ENV=test): an ISO instant the app's clock starts at and runs on from, or
   * `file:<path>` whose content (an ISO instant) is read on every call, so an e2e test can move the server's time.
   */
  TEST_CLOCK: z.union([z.iso.datetime({ offset: true }), z.string().regex(/^file:.+/)]).optional(),
  /** Skip starting a local redis-server when REDIS_URL is absent (tests of in-process mode). */
  NO_LOCAL_REDIS: bool.optional(),
});

export type Config = z.infer<typeof configSchema> & {
  demoMode: boolean;
  cookieSecure: boolean;
  embedded: boolean;
  trustedOrigins: string[];
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in .env files mean "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`配置错误 / invalid config: ${name} — ${issue.message}`);
  }
  const c = parsed.data;
  // Demo mode shows sign-in codes on the page to whoever asks: a production process must never run with it.
  if (c.DEMO_MODE && c.NODE_ENV === 'production') {
    throw new ConfigError('配置错误 / invalid config: DEMO_MODE — 演示模式会在页面上显示验证码,不能与 NODE_ENV=production 同时开启 / demo mode shows sign-in codes and cannot run with NODE_ENV=production');
  }
  if (c.METRICS_PORT !== undefined && c.METRICS_PORT === c.PORT) {
    throw new ConfigError('配置错误 / invalid config: METRICS_PORT — 不能与 PORT 相同 / must differ from PORT');
  }
  const embedded = !c.DATABASE_URL;
  const baseOrigin = new URL(c.BASE_URL).origin;
  return {
    ...c,
    embedded,
    demoMode: c.DEMO_MODE ?? (embedded && c.NODE_ENV !== 'production'),
    cookieSecure: c.COOKIE_SECURE ?? c.BASE_URL.startsWith('https:'),
    trustedOrigins: [baseOrigin, ...c.TRUSTED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean)],
  };
}

/** The sweep interval alone: job declarations are built at import time, before (and without) the whole config. */
export const outboxSweepMs = (env: Record<string, string | undefined> = process.env): number =>
  configSchema.shape.OUTBOX_SWEEP_MS.parse(env.OUTBOX_SWEEP_MS || undefined);

let current: Config | undefined;
export function getConfig(): Config {
  current ??= parseConfig();
  return current;
}

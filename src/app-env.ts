// The services a request can reach, and the Hono context variables every route may read.
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { SessionUser } from './domain/auth/sessions';
import type { StaffScope } from './domain/auth/staff-scope';
import type { Locale, Translate } from './i18n/messages';
import type { PhotoStorage } from './domain/photos/contract';
import type { Metrics } from './infra/metrics';
import type { RateLimiter } from './infra/rate-limiter';
import type { RedisHandle } from './infra/redis';
import type { SmsProvider } from './infra/sms';
import type { JobRuntime } from './jobs/runtime';
import type { Logger } from './logger';

export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  redis: RedisHandle | null;
  jobs: JobRuntime;
  limiter: RateLimiter;
  sms: SmsProvider;
  photos: PhotoStorage;
  logger: Logger;
  metrics: Metrics;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
    sessionId: string | null;
    staffScope: StaffScope;
    t: Translate;
    locale: Locale;
    requestId: string;
    secureHeadersNonce?: string;
  };
}

// parseConfig: defaults, readable errors naming the variable, and the derived flags (demoMode, cookieSecure).
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATA_DIR, parseConfig } from '../../src/config';

const PG = 'postgres://u@db:5432/anlin';

describe('parseConfig defaults', () => {
  it('fills every default from an empty env', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      BASE_URL: 'http://localhost:3000',
      DATA_DIR: DEFAULT_DATA_DIR,
      LOG_LEVEL: 'info',
      DISPLAY_TZ: 'Asia/Shanghai',
      QUEUE_PREFIX: 'anlin',
      SESSION_IDLE_DAYS: 14,
      embedded: true,
      demoMode: true,
      cookieSecure: false,
      trustedOrigins: ['http://localhost:3000'],
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const c = parseConfig({ PORT: '', DATABASE_URL: '', DEMO_MODE: '', BASE_URL: '', COOKIE_SECURE: '' });
    expect(c).toMatchObject({ PORT: 3000, embedded: true, demoMode: true, cookieSecure: false });
    expect(c.DATABASE_URL).toBeUndefined();
  });
});

describe('parseConfig errors name the variable', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u@db/anlin' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }],
    ['BASE_URL', { BASE_URL: 'ftp://example.com' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['DEMO_MODE', { DEMO_MODE: 'maybe' }],
    ['QUEUE_PREFIX', { QUEUE_PREFIX: 'a:b' }],
  ])('%s in %j', (name, env) => {
    let err: unknown;
    try {
      parseConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(name);
  });
});

describe('refused combinations', () => {
  it.each(['1', 'true', 'yes', 'on'])('DEMO_MODE=%s with NODE_ENV=production refuses to boot, in one line naming DEMO_MODE', (v) => {
    let err: unknown;
    try {
      parseConfig({ NODE_ENV: 'production', DEMO_MODE: v, DATABASE_URL: PG });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toMatch(/^配置错误 \/ invalid config: DEMO_MODE — /);
    expect(message).toContain('NODE_ENV=production');
    expect(message).not.toContain('\n');
  });

  it('production without DEMO_MODE, or with it off, boots with demo mode off', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).demoMode).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', DEMO_MODE: '0' }).demoMode).toBe(false);
  });

  it('METRICS_PORT may not be the HTTP port; METRICS_TOKEN must be long enough to resist guessing', () => {
    expect(() => parseConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT/);
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(parseConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'x'.repeat(32) })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
  });

  it('TRUSTED_PROXY_HOPS defaults to 1 and takes 1–10', () => {
    expect(parseConfig({ TRUST_PROXY: '1' }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '1', TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseConfig({ TRUSTED_PROXY_HOPS: '0' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe('derived flags', () => {
  it.each([
    // [env, demoMode]
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ DATABASE_URL: PG }, false],
    [{ DATABASE_URL: PG, DEMO_MODE: '1' }, true],
    [{ DEMO_MODE: 'off' }, false],
    [{ NODE_ENV: 'test' }, true],
  ] as const)('demoMode for %j is %s', (env, demoMode) => {
    expect(parseConfig(env).demoMode).toBe(demoMode);
  });

  it.each([
    [{ BASE_URL: 'https://anlin.example' }, true],
    [{ BASE_URL: 'http://anlin.example' }, false],
    [{ BASE_URL: 'https://anlin.example', COOKIE_SECURE: '0' }, false],
    [{ BASE_URL: 'http://127.0.0.1:3000', COOKIE_SECURE: 'yes' }, true],
  ] as const)('cookieSecure for %j is %s', (env, secure) => {
    expect(parseConfig(env).cookieSecure).toBe(secure);
  });

  it('embedded is the absence of DATABASE_URL', () => {
    expect(parseConfig({ DATABASE_URL: PG }).embedded).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgresql://u@db/anlin' }).embedded).toBe(false);
  });

  it('trustedOrigins starts with the BASE_URL origin and adds the extra list', () => {
    const c = parseConfig({ BASE_URL: 'https://anlin.example/app/', TRUSTED_ORIGINS: ' https://a.example , ,https://b.example' });
    expect(c.trustedOrigins).toEqual(['https://anlin.example', 'https://a.example', 'https://b.example']);
  });
});

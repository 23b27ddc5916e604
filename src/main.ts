// npm start: web + worker in one process. `--web` or `--worker` runs one role (production: N web, M worker processes).
import { ConfigError, parseConfig, type Config } from './config';
import { bootServices } from './boot';
import { isEmpty } from './db/migrate';
import { createLogger } from './logger';
import { closeQrScanCache } from './domain/qr/scan-cache';
import { flushScanCounts } from './domain/qr/scan-counter';
import { seedDemo, type DemoLogin } from './cli/seed-data/demo';
import { listen } from './http-server';
import { assetFastPath } from './routes/asset-fast-path';
import { scanFastPath } from './routes/scan-fast-path';
import { internalOpsApp } from './routes/ops';
import { demoShowcaseResident } from './cli/seed-data/demo-activity';
import { buildApp } from './server';

async function main() {
  let config: Config;
  try {
    config = parseConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const args = new Set(process.argv.slice(2));
  const roles = { web: !args.has('--worker'), worker: !args.has('--web') };
  if (config.embedded && !(roles.web && roles.worker)) {
    console.error('配置错误 / invalid config: DATABASE_URL — 内置数据库只能由一个进程使用,请用 npm start,或设置 DATABASE_URL 后分开运行 web 和 worker。');
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  const started = Date.now();
  const deps = await bootServices(config, logger, { localRedis: roles.web && roles.worker });

  let logins: DemoLogin[] = [];
  if (config.embedded && (await isEmpty(deps.database))) logins = await seedDemo(deps.database, { activity: config.demoMode });
  const showcase = config.demoMode ? await demoShowcaseResident(deps.database.db) : null;

  if (deps.jobs.mode === 'inprocess') {
    logger.warn(
      roles.worker
        ? '没有 Redis:后台任务在本进程内运行(演示模式)。 No Redis: jobs run in-process (demo mode); set REDIS_URL in production.'
        : '没有 Redis:任务记录在数据库中,由 worker 进程轮询执行。 No Redis: jobs wait in the outbox table for a --worker process to poll; set REDIS_URL in production.',
    );
  }
  if (roles.worker) await deps.jobs.startWorkers();

  let server: ReturnType<typeof listen> | undefined;
  if (roles.web) {
    const app = buildApp(deps);
    const scan = scanFastPath(deps);
    const onListen = (info: { port: number }) => {
      const lines = [
        `安邻 已启动 / Anlin is running (${((Date.now() - started) / 1000).toFixed(1)} s): ${config.BASE_URL.replace(/:\d+$/, '')}:${info.port}`,
        `数据库 ${deps.database.kind} · 任务 ${deps.jobs.mode} · 演示模式 ${config.demoMode ? '开' : '关'}`,
      ];
      if (logins.length) {
        lines.push('演示账号 / demo logins (居民用任意手机号 + 页面显示的验证码登录):');
        for (const l of logins) lines.push(`  ${l.username.padEnd(16)} ${l.password}  ${l.name} ${l.roles.join(',')}`);
      }
      if (showcase) lines.push(`有记录的演示居民 / a demo resident with a month of history: ${showcase.phone} (${showcase.name})`);
      process.stdout.write(`${lines.join('\n')}\n`);
    };
    // Versioned assets and repeat anonymous scans are answered on Node's own objects before the app (http-fast-path.ts).
    server = listen(scan.wrap(app.fetch), { port: config.PORT, hostname: config.HOST }, onListen, [assetFastPath(deps.metrics), scan.answer]);
    server.on('error', (err: NodeJS.ErrnoException) => {
      console.error(err.code === 'EADDRINUSE' ? `端口 ${config.PORT} 已被占用 / port ${config.PORT} is in use: set PORT to another value.` : `HTTP server error: ${err.message}`);
      void shutdown('listen-error', 1);
    });
  } else {
    logger.info('worker started');
  }
  // Operators' listener: /metrics and the detailed /healthz without a token, on loopback unless METRICS_HOST says otherwise.
  let opsServer: ReturnType<typeof listen> | undefined;
  if (config.METRICS_PORT !== undefined) {
    const port = config.METRICS_PORT;
    opsServer = listen(internalOpsApp(deps).fetch, { port, hostname: config.METRICS_HOST }, (info) => {
      logger.info({ port: info.port, host: config.METRICS_HOST }, 'metrics listener started');
    });
    opsServer.on('error', (err: NodeJS.ErrnoException) => {
      console.error(err.code === 'EADDRINUSE' ? `端口 ${port} 已被占用 / METRICS_PORT ${port} is in use: set METRICS_PORT to another value.` : `metrics server error: ${err.message}`);
      void shutdown('listen-error', 1);
    });
  }

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS + 5000);
    hardStop.unref();
    // Stop accepting connections; requests still running get the shutdown bound, then their sockets are closed.
    await new Promise<void>((resolve) => {
      if (!server?.listening) return resolve();
      const cut = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), config.SHUTDOWN_TIMEOUT_MS);
      cut.unref();
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
    });
    // Scans counted since the last batch are written before the database closes.
    await flushScanCounts(deps).catch((err) => logger.error({ err }, 'qr scan counts lost at shutdown'));
    opsServer?.close();
    (opsServer as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
    await deps.jobs.close(config.SHUTDOWN_TIMEOUT_MS).catch((err) => logger.error({ err }, 'job runtime close failed'));
    await closeQrScanCache(deps).catch(() => {});
    await deps.redis?.stop().catch(() => {});
    await deps.database.close().catch(() => {});
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('启动失败 / failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

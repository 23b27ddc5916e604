// Test runner config: one project, real PostgreSQL/Redis prepared once by the global setup (see DESIGN.md "Tests").
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Benchmarks run through `npm run bench`, never as part of `npm test`.
    exclude: ['test/bench/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Forks isolate native modules (sharp, argon2) and postgres.js sockets per worker; the CI box has 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Cloning a database or booting the real server happens in hooks.
    hookTimeout: 120_000,
    // expect.poll waits on the browser or a job; vitest's 1 s default is too tight for a loaded 2-core CI machine.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // e2e files get 60 s per test from useServer() (vi.setConfig), which keeps this to a single project.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});

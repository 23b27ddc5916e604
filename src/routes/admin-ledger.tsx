// (being built) — route module mounted in src/server.tsx.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';

export const adminLedgerRoutes = new Hono<AppEnv>();

// Shared set-up for the staff item page tests: the demo world, signed-in staff clients (cached per username) and the page's version.
import { eq } from 'drizzle-orm';
import { submissions } from '../../src/db/schema';
import type { TestApp, TestClient } from '../helpers/app';
import { DEMO_PASSWORD } from './me-helpers';

export function staffClients(t: TestApp) {
  const cache = new Map<string, TestClient>();
  return async (username: string): Promise<TestClient> => {
    const hit = cache.get(username);
    if (hit) return hit;
    const c = t.client();
    const res = await c.signInStaff(username, DEMO_PASSWORD);
    if (res.status !== 303) throw new Error(`staff sign-in failed for ${username}: ${res.status}`);
    cache.set(username, c);
    return c;
  };
}

export async function versionOf(t: TestApp, id: number): Promise<string> {
  const [row] = await t.deps.db.select({ v: submissions.version }).from(submissions).where(eq(submissions.id, id));
  return String(row.v);
}

/** The version the page hands out in its forms (every action form carries it). */
export const pageVersion = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];

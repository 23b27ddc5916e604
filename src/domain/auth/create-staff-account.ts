// Creates the first administrator of a community from the command line, with a one-time password to change at first sign-in.
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communities, staffRoles, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { checkText, nameRule } from '../text/text-rules';
import { hashPassword, oneTimePassword } from './passwords';

export const USERNAME_RE = /^[a-z0-9._-]{3,32}$/;

/** Same normalisation as sign-in, so what the operator typed is what the admin types later. */
export function normaliseUsername(raw: string): string {
  const u = raw.normalize('NFKC').trim().toLowerCase();
  if (!USERNAME_RE.test(u)) {
    throw new Error(`用户名无效：需 3–32 位小写字母、数字或 . _ - / invalid username "${raw}": 3-32 chars of a-z 0-9 . _ -`);
  }
  return u;
}

export async function createCommunityAdmin(
  db: Db,
  input: { username: string; displayName?: string; communityCode?: string },
): Promise<{ userId: number; username: string; password: string; communityId: number }> {
  const username = normaliseUsername(input.username);
  // The same one-line rule as the admin form's staff name.
  const name = checkText(input.displayName ?? '', nameRule(64, { optional: true }));
  if (!name.ok) throw new Error('显示名无效(最多 64 个字,不能有控制字符、换行或网页代码) / invalid display name (at most 64 characters, one line, plain text)');
  const displayName = name.value || username;
  const community = await resolveCommunity(db, input.communityCode?.trim());
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);

  const userId = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken) throw new Error(`用户名已存在 / username already exists: ${username}`);
    const [user] = await tx
      .insert(users)
      .values({ kind: 'staff', username, displayName, passwordHash, mustChangePassword: true })
      .returning({ id: users.id });
    await tx.insert(staffRoles).values({ userId: user.id, communityId: community.id, role: 'community_admin', scope: 'community' });
    // No signed-in actor: the operator at the shell is recorded as null.
    await recordAudit(tx, {
      actorUserId: null,
      communityId: community.id,
      action: 'staff.create',
      targetType: 'user',
      targetId: user.id,
      after: { username, displayName, role: 'community_admin', scope: 'community', via: 'cli' },
    });
    return user.id;
  });
  return { userId, username, password, communityId: community.id };
}

async function resolveCommunity(db: Db, code: string | undefined) {
  if (code) {
    if (!/^[0-9]{12}$/.test(code)) throw new Error(`社区编码应为 12 位数字 / community code must be 12 digits: ${code}`);
    const [c] = await db.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.code, code));
    if (!c) throw new Error(`社区不存在 / no community with code ${code}`);
    return c;
  }
  const [{ n }] = await db.select({ n: count() }).from(communities);
  if (Number(n) === 0) {
    throw new Error('尚无社区：请先运行 npm run seed 或用 --community 指定 / no community yet: run `npm run seed` first or pass --community CODE');
  }
  if (Number(n) > 1) throw new Error(`有 ${n} 个社区，请用 --community 指定 / ${n} communities exist: pass --community CODE`);
  const [c] = await db.select({ id: communities.id, name: communities.name }).from(communities).limit(1);
  return c;
}

// Staff as CSV: one row per account (or per role with its own grids); import opens accounts with one-time passwords.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { grids, users, type StaffRole } from '../../db/schema';
import { zh } from '../../i18n/messages';
import { hashPassword, oneTimePassword } from '../auth/passwords';
import { recordAudit } from '../audit/record-audit';
import { parseRow, rowErrorCollector, type ImportSpec } from '../csv/import-spec';
import type { CsvColumn } from '../csv/parse';
import { allCommunityStaff } from './community-staff';
import { staffCsvRow } from './staff-rules';
import { writeRole } from './write-role';

export const STAFF_COLUMNS: readonly CsvColumn[] = [
  { key: 'username', zh: '用户名', aliases: ['账号'], required: true },
  { key: 'name', zh: '姓名', required: true },
  { key: 'roles', zh: '角色', required: true },
  { key: 'grids', zh: '网格编码(多个用 | 分隔)' },
];

export interface StaffImportRow {
  username: string;
  name: string;
  roles: { role: StaffRole; gridIds: number[] }[];
}
export interface ShownPassword {
  username: string;
  name: string;
  password: string;
}

export const staffImport: ImportSpec<StaffImportRow, Map<string, { password: string; hash: string }>, ShownPassword[]> = {
  entity: 'staff',
  columns: STAFF_COLUMNS,
  async check(db, community, rows) {
    const { errors, add } = rowErrorCollector(STAFF_COLUMNS);
    const parsed = rows.map((row) => ({ line: row.line, ...parseRow(staffCsvRow, row, add) }));
    const names = [...new Set(parsed.flatMap((p) => (p.partial.username ? [p.partial.username] : [])))];
    const [taken, gridRows] = await Promise.all([
      names.length ? db.select({ u: users.username }).from(users).where(inArray(users.username, names)) : [],
      db.select({ id: grids.id, code: grids.code }).from(grids).where(eq(grids.communityId, community.id)),
    ]);
    const takenSet = new Set(taken.map((t) => t.u));
    const gridId = new Map(gridRows.map((g) => [g.code, g.id]));
    const byUser = new Map<string, StaffImportRow & { line: number; bad: boolean }>();
    for (const { line, v, partial } of parsed) {
      const before = errors.length;
      const first = partial.username ? byUser.get(partial.username) : undefined;
      if (partial.username && !first && takenSet.has(partial.username)) add(line, 'username', { key: 'staff.err.usernameTaken' });
      if (first && partial.name && first.name !== partial.name) add(line, 'name', { key: 'staff.err.nameMismatch', params: { line: first.line } });
      if (first && partial.roles?.some((r) => first.roles.some((h) => h.role === r))) add(line, 'roles', { key: 'staff.err.roleRepeated', params: { line: first.line } });
      const unknown = partial.grids?.find((c) => !gridId.has(c));
      if (unknown) add(line, 'grids', { key: 'staff.err.gridCodeUnknown', params: { code: unknown } });
      if (!v) {
        if (first) first.bad = true;
        continue;
      }
      const entry = first ?? { username: v.username, name: v.name, roles: [], line, bad: false };
      entry.roles.push(...v.roles.map((role) => ({ role, gridIds: v.grids.map((c) => gridId.get(c)!).filter(Boolean) })));
      entry.bad ||= errors.length > before;
      byUser.set(v.username, entry);
    }
    const ok = [...byUser.values()].filter((u) => !u.bad).map(({ username, name, roles }) => ({ username, name, roles }));
    return { rows: ok, errors };
  },
  async prepare(rows) {
    // argon2 is slow on purpose: hash before the transaction opens, a few at a time.
    const out = new Map<string, { password: string; hash: string }>();
    for (let i = 0; i < rows.length; i += 4) {
      await Promise.all(
        rows.slice(i, i + 4).map(async (r) => {
          const password = oneTimePassword();
          out.set(r.username, { password, hash: await hashPassword(password) });
        }),
      );
    }
    return out;
  },
  async write(tx, ctx, rows, secrets) {
    const shown: ShownPassword[] = [];
    for (const r of rows) {
      const secret = secrets.get(r.username)!;
      const [user] = await tx
        .insert(users)
        .values({ kind: 'staff', username: r.username, displayName: r.name, passwordHash: secret.hash, mustChangePassword: true })
        .returning({ id: users.id });
      for (const role of r.roles) await writeRole(tx, ctx.community.id, user.id, role.role, role.gridIds);
      await recordAudit(tx, { actorUserId: ctx.actorId, communityId: ctx.community.id, action: 'staff.create', targetType: 'user', targetId: user.id, after: { ...r, via: 'csv' }, ip: ctx.ip });
      shown.push({ username: r.username, name: r.name, password: secret.password });
    }
    return { created: rows.length, shown };
  },
};

/** Export: roles with the same grid scope share a row; a role with its own grids gets a row of its own. */
export async function staffExportRows(db: DbOrTx, communityId: number) {
  const staff = await allCommunityStaff(db, communityId);
  return staff.flatMap((s) => {
    const groups = new Map<string, StaffRole[]>();
    for (const r of s.roles) {
      const codes = (r.grids ?? []).map((g) => g.code).join('|');
      groups.set(codes, [...(groups.get(codes) ?? []), r.role]);
    }
    return [...groups].map(([codes, roles]) => ({ username: s.username, name: s.name, roles: roles.map((r) => zh[`role.${r}`]).join('|'), grids: codes }));
  });
}

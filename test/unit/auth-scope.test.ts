// The pure scope checks: which grids a staff member's roles cover, and which roles they hold where.
import { describe, expect, it } from 'vitest';
import { coversGrid, gridScope, hasAnyRole, hasRoleIn, visibleGrids, type StaffScope } from '../../src/domain/auth/staff-scope';

const C1 = 1;
const C2 = 2;
const g = (id: number, communityId: number) => ({ id, communityId });

/** A grid worker of grids 11 and 12 in community 1, police for all of community 2. */
const mixed: StaffScope = [
  { communityId: C1, communityName: '一社区', role: 'grid_worker', gridIds: [11, 12] },
  { communityId: C2, communityName: '二社区', role: 'police', gridIds: null },
];

describe('coversGrid', () => {
  it('covers the listed grids of a grid-scoped role only, in that community only', () => {
    expect(coversGrid(mixed, g(11, C1))).toBe(true);
    expect(coversGrid(mixed, g(12, C1))).toBe(true);
    expect(coversGrid(mixed, g(13, C1))).toBe(false);
    // Same id, other community: a grid id alone is not enough.
    expect(coversGrid([mixed[0]], g(11, C2))).toBe(false);
  });

  it('a community-scoped role covers every grid of that community and none elsewhere', () => {
    expect(coversGrid(mixed, g(99, C2))).toBe(true);
    expect(coversGrid(mixed, g(99, 3))).toBe(false);
  });

  it('restricts to the given roles', () => {
    expect(coversGrid(mixed, g(11, C1), ['grid_worker'])).toBe(true);
    expect(coversGrid(mixed, g(11, C1), ['police'])).toBe(false);
    expect(coversGrid(mixed, g(99, C2), ['police', 'community_admin'])).toBe(true);
    expect(coversGrid(mixed, g(99, C2), ['grid_worker'])).toBe(false);
    expect(coversGrid(mixed, g(11, C1), [])).toBe(false);
  });

  it('organisers and clerks cover no grid, community-wide as their role is (issue 9 item 15)', () => {
    const roles: StaffScope = [
      { communityId: C1, communityName: '一社区', role: 'organiser', gridIds: null },
      { communityId: C1, communityName: '一社区', role: 'clerk', gridIds: null },
    ];
    expect(coversGrid(roles, g(11, C1))).toBe(false);
    expect(gridScope(roles)).toEqual([]);
    expect(gridScope([...roles, ...mixed])).toEqual(mixed);
    // Asked for by name (their own features), the role still counts.
    expect(coversGrid(roles, g(11, C1), ['organiser'])).toBe(true);
  });

  it('an empty scope or an empty grid list covers nothing', () => {
    expect(coversGrid([], g(11, C1))).toBe(false);
    expect(coversGrid([{ communityId: C1, communityName: 'x', role: 'grid_worker', gridIds: [] }], g(11, C1))).toBe(false);
  });
});

describe('hasRoleIn / hasAnyRole', () => {
  it('checks role and community together, whatever the grid scope', () => {
    expect(hasRoleIn(mixed, C1, ['grid_worker'])).toBe(true);
    expect(hasRoleIn(mixed, C1, ['police'])).toBe(false);
    expect(hasRoleIn(mixed, C2, ['police'])).toBe(true);
    expect(hasRoleIn(mixed, C2, ['grid_worker', 'community_admin'])).toBe(false);
    expect(hasRoleIn(mixed, 3, ['grid_worker', 'police'])).toBe(false);
    expect(hasRoleIn(mixed, C1, [])).toBe(false);
    expect(hasRoleIn([], C1, ['grid_worker'])).toBe(false);
  });

  it('hasAnyRole ignores the community', () => {
    expect(hasAnyRole(mixed, ['police'])).toBe(true);
    expect(hasAnyRole(mixed, ['community_admin'])).toBe(false);
  });
});

describe('visibleGrids', () => {
  it('splits whole communities from single grids, without duplicates', () => {
    const scope: StaffScope = [
      ...mixed,
      { communityId: C1, communityName: '一社区', role: 'grid_leader', gridIds: [12, 13] },
      { communityId: C2, communityName: '二社区', role: 'organiser', gridIds: null },
    ];
    const v = visibleGrids(scope);
    expect(v.wholeCommunities).toEqual([C2]);
    expect([...v.gridIds].sort()).toEqual([11, 12, 13]);
  });

  it('is empty for an empty scope', () => {
    expect(visibleGrids([])).toEqual({ wholeCommunities: [], gridIds: [] });
  });
});

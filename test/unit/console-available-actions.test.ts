// availableActions as a pure rule: status moves (TRANSITIONS), tier, kind, dispute category and the viewer's roles.
import { describe, expect, it } from 'vitest';
import type { StaffScope } from '../../src/domain/auth/staff-scope';
import type { StaffRole } from '../../src/db/schema';
import { availableActions, type ActionFacts } from '../../src/domain/console/available-actions';
import { canSeePhoto } from '../../src/domain/photos/photo-access';

const role = (r: StaffRole, gridIds: number[] | null = [10], communityId = 1): StaffScope[number] => ({ communityId, communityName: 'x', role: r, gridIds });
const item = (f: Partial<ActionFacts> = {}): ActionFacts => ({
  communityId: 1, gridId: 10, policeRelated: false, tier: 1, status: 'pending_review', kind: 'tip', categoryKey: 'tip.fire_hazard',
  assignedUserId: null, openDepartmentRequests: 0, ...f,
});
const acts = (scope: StaffScope, f: Partial<ActionFacts> = {}) => [...availableActions({ userId: 5, scope }, item(f))].sort();

describe('availableActions', () => {
  it('gives a grid worker the review decisions on a pending item in their grid', () => {
    expect(acts([role('grid_worker')])).toEqual(['accept', 'bulkAnswer', 'claim', 'duplicate', 'escalate', 'note', 'reject', 'reply', 'resolve', 'route'].sort());
  });

  it('gives nothing at all outside the viewer’s scope (other grid, other community, police on an ordinary item)', () => {
    expect(acts([role('grid_worker', [11])])).toEqual([]);
    expect(acts([role('grid_worker', null, 2)])).toEqual([]);
    expect(acts([role('police', null)])).toEqual([]);
    expect(acts([role('organiser', null)])).toEqual([]);
  });

  it('lets leaders and admins assign, grid workers only claim', () => {
    expect(acts([role('grid_worker')])).not.toContain('assign');
    expect(acts([role('grid_leader')])).toContain('assign');
    expect(acts([role('community_admin', null)])).toContain('assign');
  });

  it('offers claim only while nobody holds the item', () => {
    expect(acts([role('grid_worker')], { assignedUserId: 9 })).not.toContain('claim');
  });

  it('follows TRANSITIONS: in progress may be resolved or routed, not rejected, accepted or marked duplicate', () => {
    const a = acts([role('grid_worker')], { status: 'in_progress' });
    expect(a).toEqual(expect.arrayContaining(['resolve', 'route', 'reply', 'escalate']));
    expect(a).not.toEqual(expect.arrayContaining(['reject']));
    for (const x of ['reject', 'accept', 'duplicate', 'reopen']) expect(a).not.toContain(x);
  });

  it('still allows routing to another department while routed', () => {
    expect(acts([role('grid_worker')], { status: 'routed' })).toContain('route');
  });

  it('lets staff reopen a resolved item, and nothing but reply/note on rejected or duplicate ones', () => {
    const resolved = acts([role('grid_worker')], { status: 'resolved' });
    expect(resolved).toContain('reopen');
    expect(resolved).not.toContain('resolve');
    expect(resolved).not.toContain('claim');
    for (const status of ['rejected', 'duplicate'] as const) expect(acts([role('grid_worker')], { status })).toEqual(['bulkAnswer', 'note', 'reply']);
  });

  it('waits for the verification worker: received and verifying items take replies and claims but no decisions', () => {
    for (const status of ['received', 'verifying'] as const) {
      const a = acts([role('grid_worker')], { status });
      for (const x of ['reject', 'resolve', 'accept', 'duplicate', 'route']) expect(a).not.toContain(x);
      expect(a).toContain('claim');
    }
  });

  it('accepts (with reward) tips, not wishes', () => {
    expect(acts([role('grid_worker')], { kind: 'wish', categoryKey: 'wish.elderly_care' })).not.toContain('accept');
  });

  it('offers mediation only for disputes that may still be resolved', () => {
    expect(acts([role('grid_worker')], { categoryKey: 'tip.dispute' })).toContain('mediate');
    expect(acts([role('grid_worker')])).not.toContain('mediate');
    expect(acts([role('grid_worker')], { categoryKey: 'tip.dispute', status: 'resolved' })).not.toContain('mediate');
  });

  it('escalates below tier 3 only, and police (the top tier) never escalate', () => {
    expect(acts([role('grid_worker')], { tier: 2 })).toContain('escalate');
    expect(acts([role('grid_worker')], { tier: 3 })).not.toContain('escalate');
    const police = acts([role('police', null)], { policeRelated: true });
    expect(police).toEqual(expect.arrayContaining(['reply', 'note', 'resolve', 'reject', 'claim']));
    expect(police).not.toContain('escalate');
    expect(police).not.toContain('assign');
    expect(acts([role('police', null)], { tier: 3 })).toContain('resolve');
  });

  it('asks for the department’s answer only while a request is open', () => {
    expect(acts([role('grid_worker')], { status: 'routed' })).not.toContain('departmentAnswer');
    expect(acts([role('grid_worker')], { status: 'routed', openDepartmentRequests: 1 })).toContain('departmentAnswer');
  });

  it('handles items without a grid by community-wide roles only', () => {
    expect(acts([role('grid_worker')], { gridId: null })).toEqual([]);
    expect(acts([role('community_admin', null)], { gridId: null })).toContain('resolve');
  });
});

describe('canSeePhoto for the console (coversItem)', () => {
  const eq = (a: string, b: string) => a === b;
  const police: StaffScope = [{ communityId: 1, communityName: 'x', role: 'police', gridIds: [99] }];
  const owner = (policeRelated: boolean, tier = 1) => ({ submission: { authorUserId: 7, communityId: 1, gridId: 10, policeRelated, tier }, draftToken: null });

  it('lets police see photos of the items they may handle, and only those', () => {
    expect(canSeePhoto({ userId: 3, staffScope: police, draftToken: null }, owner(true), eq)).toBe(true);
    expect(canSeePhoto({ userId: 3, staffScope: police, draftToken: null }, owner(false, 3), eq)).toBe(true);
    expect(canSeePhoto({ userId: 3, staffScope: police, draftToken: null }, owner(false), eq)).toBe(false);
    expect(canSeePhoto({ userId: 3, staffScope: [{ ...police[0], communityId: 2 }], draftToken: null }, owner(true), eq)).toBe(false);
  });
});

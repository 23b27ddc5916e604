// What each purpose offers after a scan, and that every link has a page (real or "coming soon") behind it.
import { describe, expect, it } from 'vitest';
import { QR_PURPOSES } from '../../src/db/schema';
import { actionsFor, BUILT_PATHS } from '../../src/domain/qr/purpose-actions';

const code = 'ABCDEFGHJKMNP';

describe('actionsFor', () => {
  it('report: tip and wish first, then my submissions and announcements', () => {
    expect(actionsFor('report', code).map((a) => [a.key, a.href, a.primary])).toEqual([
      ['tip', `/report/new?qr=${code}&kind=tip`, true],
      ['wish', `/report/new?qr=${code}&kind=wish`, true],
      ['mySubmissions', '/me/submissions', false],
      ['announcements', `/announcements?qr=${code}`, false],
      ['rewards', '/rewards', false],
    ]);
  });

  it('checkpoint, counter and event each have their one action', () => {
    expect(actionsFor('patrol_checkpoint', code)).toEqual([{ key: 'patrolCheckIn', href: `/patrol/check-in?qr=${code}`, primary: true }]);
    expect(actionsFor('redemption_counter', code)).toEqual([
      { key: 'clerk', href: '/clerk', primary: true },
      { key: 'rewards', href: '/rewards', primary: false },
    ]);
    expect(actionsFor('event_checkin', code)).toEqual([{ key: 'eventCheckIn', href: `/events/check-in?qr=${code}`, primary: true }]);
  });

  it('every link of every purpose leads to a built page', () => {
    for (const purpose of QR_PURPOSES) {
      for (const a of actionsFor(purpose, code)) expect(BUILT_PATHS).toContain(new URL(a.href, 'http://x').pathname);
    }
  });
});

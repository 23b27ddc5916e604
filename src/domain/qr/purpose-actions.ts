// What a resident (or patrol member, clerk…) can do after scanning, by the code's purpose. Pure: the scan page renders it.
import type { QrPurpose } from '../../db/schema';

export type ScanActionKey = 'tip' | 'wish' | 'mySubmissions' | 'announcements' | 'patrolCheckIn' | 'clerk' | 'eventCheckIn' | 'rewards';

export interface ScanAction {
  key: ScanActionKey;
  href: string;
  /** The main thing to do here: drawn as a big filled button. */
  primary: boolean;
}

/** Every target is a built page (BUILT_PATHS), so a poster never leads to a 404. */
export function actionsFor(purpose: QrPurpose, code: string): ScanAction[] {
  const qr = encodeURIComponent(code);
  switch (purpose) {
    case 'report':
      return [
        { key: 'tip', href: `/report/new?qr=${qr}&kind=tip`, primary: true },
        { key: 'wish', href: `/report/new?qr=${qr}&kind=wish`, primary: true },
        { key: 'mySubmissions', href: '/me/submissions', primary: false },
        { key: 'announcements', href: `/announcements?qr=${qr}`, primary: false },
        { key: 'rewards', href: '/rewards', primary: false },
      ];
    case 'patrol_checkpoint':
      return [{ key: 'patrolCheckIn', href: `/patrol/check-in?qr=${qr}`, primary: true }];
    case 'redemption_counter':
      // The clerk's counter; a resident who scans the counter poster is shown the shop instead.
      return [
        { key: 'clerk', href: '/clerk', primary: true },
        { key: 'rewards', href: '/rewards', primary: false },
      ];
    case 'event_checkin':
      return [{ key: 'eventCheckIn', href: `/events/check-in?qr=${qr}`, primary: true }];
  }
}

/** GET paths the scan page links to that are built: their own route modules answer them. */
export const BUILT_PATHS: readonly string[] = ['/report/new', '/me/submissions', '/announcements', '/rewards', '/clerk', '/patrol/check-in', '/events/check-in'];

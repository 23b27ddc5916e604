// What every view gets besides its own data: translations, who is looking, and the CSP nonce.
import type { StaffRole } from '../src/db/schema';
import type { Locale, Translate } from '../src/i18n/messages';

export interface ViewCtx {
  t: Translate;
  locale: Locale;
  nonce: string;
  user: { kind: 'resident' | 'staff'; name: string; roles: StaffRole[] } | null;
  demoMode: boolean;
  inProcessJobs: boolean;
  assets: { css: string; htmx: string };
  path: string;
  /** Unread inbox messages, shown beside 消息 in the navigation (residents; undefined when not loaded). */
  unread?: number;
  /** Open items in the staff member's work queue, shown beside 待办 (staff who work items; undefined otherwise). */
  openItems?: number;
  /** Zone for showing times (config DISPLAY_TZ); storage is UTC. */
  timeZone?: string;
}

// The rule set's 公益课程 settings (no-show: release or forfeit; how many no-shows block new bookings), with defaults
// for rule sets written before courses existed.
import type { DbOrTx } from '../../db/client';
import { currentRuleSet } from '../rules/current-rule-set';

export interface CourseRules {
  noShow: 'release' | 'forfeit';
  maxNoShows: number;
}

export const DEFAULT_COURSE_RULES: CourseRules = { noShow: 'release', maxNoShows: 3 };

export async function courseRules(db: DbOrTx, communityId: number, at: Date, timeZone: string): Promise<CourseRules> {
  const rs = await currentRuleSet(db, communityId, at, timeZone).catch(() => null);
  const c = rs?.body.courses;
  return c ? { noShow: c.no_show, maxNoShows: c.max_no_shows_before_booking_block } : DEFAULT_COURSE_RULES;
}

// A ledger entry's reason in plain words: rule keys translated, category labels (already plain) kept as they are.
import type { MessageKey, Translate } from '../../../src/i18n/messages';

const RULE_KEYS: Record<string, MessageKey> = {
  wish_fulfilment: 'points.rule.wish_fulfilment',
  mediation: 'points.rule.mediation',
  duplicate_confirmation: 'points.rule.duplicate_confirmation',
  outcome_bonus: 'points.rule.outcome_bonus',
  patrol: 'points.rule.patrol',
  activity: 'points.rule.activity',
  volunteer_activity: 'points.rule.activity',
  hold: 'points.rule.hold',
  void: 'points.rule.void',
  reversal: 'points.rule.reversal',
  expiry: 'points.rule.expiry',
};

export const ruleText = (t: Translate, ruleLabel: string | null): string | null =>
  ruleLabel ? (RULE_KEYS[ruleLabel] ? t(RULE_KEYS[ruleLabel]) : ruleLabel) : null;

// Pure pieces of 我的诉求, 消息 and 心愿墙: the progress line, name masking, rating/reopen input, notification wording.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { notificationText, smsText } from '../../src/domain/notifications/notification-text';
import { parseRating, parseReopen } from '../../src/domain/submissions/feedback-input';
import { progressSteps } from '../../src/domain/submissions/progress-steps';
import { maskName } from '../../src/domain/wishes/mask-name';
import { wishState } from '../../src/domain/wishes/wish-state';
import { translator } from '../../src/i18n/messages';
import { en, zh } from '../../src/i18n/areas/me';

const line = (steps: ReturnType<typeof progressSteps>) => steps.map((s) => `${s.status}:${s.state}`).join(' ');

describe('progressSteps', () => {
  it('a new item is at 已受理 with the rest to come', () => {
    expect(line(progressSteps('received'))).toBe('received:current verifying:todo pending_review:todo accepted:todo resolved:todo');
  });

  it('steps the worker skipped still read as done', () => {
    expect(line(progressSteps('pending_review', ['pending_review']))).toBe('received:done verifying:done pending_review:current accepted:todo resolved:todo');
  });

  it('the handling step is named after the latest handling status', () => {
    expect(line(progressSteps('routed', ['pending_review', 'accepted', 'routed']))).toBe('received:done verifying:done pending_review:done routed:current resolved:todo');
    expect(line(progressSteps('resolved', ['pending_review', 'in_progress', 'resolved']))).toBe('received:done verifying:done pending_review:done in_progress:done resolved:current');
  });

  it('a reopened item is back at 处理中', () => {
    expect(line(progressSteps('in_progress', ['pending_review', 'accepted', 'resolved', 'in_progress']))).toContain('in_progress:current resolved:todo');
  });

  it('未采纳 and 重复 replace the tail of the line', () => {
    expect(line(progressSteps('rejected'))).toBe('received:done verifying:done pending_review:done rejected:current');
    expect(line(progressSteps('duplicate'))).toBe('received:done verifying:done pending_review:done duplicate:current');
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张**'],
    ['李四', '李**'],
    ['欧阳', '欧**'],
    ['  王  ', '王**'],
    ['𠀀字', '𠀀**'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it('no name gives null (never a phone number)', () => {
    expect(maskName('')).toBeNull();
    expect(maskName('   ')).toBeNull();
    expect(maskName(null)).toBeNull();
  });
});

describe('wishState', () => {
  it('fulfilled beats taken beats open', () => {
    expect(wishState({ status: 'pending_review', fulfilled: false, taken: false })).toBe('open');
    expect(wishState({ status: 'pending_review', fulfilled: false, taken: true })).toBe('taken');
    expect(wishState({ status: 'pending_review', fulfilled: true, taken: false })).toBe('fulfilled');
    expect(wishState({ status: 'resolved', fulfilled: false, taken: false })).toBe('fulfilled');
  });
});

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return Object.fromEntries(Object.entries((err as AppError).fields).map(([k, m]) => [k, m.key]));
  }
  throw new Error('expected a validation error');
};

describe('parseRating / parseReopen', () => {
  it('accepts 1–5 with an optional trimmed comment', () => {
    expect(parseRating({ rating: '5', comment: '  办得很快 ' })).toEqual({ rating: 5, comment: '办得很快' });
    expect(parseRating({ rating: '1', comment: '\u3000\u3000 ' })).toEqual({ rating: 1, comment: null });
  });

  it.each(['0', '6', '-1', '4.5', 'abc', '1 OR 1=1', ' 3 x'])('refuses rating %j', (rating) => {
    expect(fieldsOf(() => parseRating({ rating }))).toEqual({ rating: 'me.err.ratingRange' });
  });

  it('an empty rating asks to choose; an overlong comment says the limit', () => {
    expect(fieldsOf(() => parseRating({ rating: '', comment: 'x'.repeat(501) }))).toEqual({ rating: 'me.err.ratingEmpty', comment: 'err.text.tooLong' });
  });

  it('counts characters as people do: 500 emoji fit', () => {
    expect(parseRating({ rating: '3', comment: '😀'.repeat(500) }).comment).toHaveLength(1000);
  });

  it('a reopen needs a reason of 2–500 characters', () => {
    expect(parseReopen({ reason: ' 还是没修好 ' })).toEqual({ reason: '还是没修好' });
    expect(fieldsOf(() => parseReopen({ reason: '\u3000 ' }))).toEqual({ reason: 'me.err.reasonEmpty' });
    expect(fieldsOf(() => parseReopen({ reason: '好' }))).toEqual({ reason: 'me.err.reasonEmpty' });
    expect(fieldsOf(() => parseReopen({ reason: '修'.repeat(501) }))).toEqual({ reason: 'err.text.tooLong' });
  });
});

describe('notification wording', () => {
  const t = translator('zh-CN');

  it('status changes name the item and the new status', () => {
    expect(notificationText(t, { kind: 'status.accepted', title: 'QY-2026-000123', body: '' })).toEqual({ heading: '诉求 QY-2026-000123 状态更新:已采纳', text: '' });
  });

  it('known kinds are worded; unknown kinds fall back to their title', () => {
    expect(notificationText(t, { kind: 'reply', title: 'QY-2026-000001', body: '已安排人员' }).heading).toBe('诉求 QY-2026-000001 收到工作人员回复');
    expect(notificationText(t, { kind: 'status.nonsense', title: '标题', body: '' }).heading).toBe('标题');
    expect(notificationText(t, { kind: 'something.else', title: '标题', body: '内容' })).toEqual({ heading: '标题', text: '内容' });
  });

  it('English readers get English', () => {
    expect(notificationText(translator('en'), { kind: 'status.resolved', title: 'QY-2026-000123', body: '' }).heading).toBe('Report QY-2026-000123: status is now Resolved');
  });

  it('an SMS carries the product name and at most 60 characters of the text', () => {
    const sms = smsText(t, { kind: 'reply', title: 'QY-2026-000001', body: '长'.repeat(100) });
    expect(sms.startsWith('【安邻】诉求 QY-2026-000001 收到工作人员回复:')).toBe(true);
    expect(sms.endsWith(`${'长'.repeat(60)}…`)).toBe(true);
  });
});

describe('me catalogue', () => {
  it('zh and en have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const v of [...Object.values(zh), ...Object.values(en)]) expect(v.trim()).not.toBe('');
  });
});

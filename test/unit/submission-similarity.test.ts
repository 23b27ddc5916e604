import { describe, expect, it } from 'vitest';
import { mentionsPolice } from '../../src/domain/submissions/police-keywords';
import { normaliseText, similarity } from '../../src/domain/submissions/similarity';

describe('normaliseText', () => {
  it('applies NFKC, lower-cases and drops whitespace and punctuation', () => {
    expect(normaliseText(' ＡＢ c，3栋！ 楼道。')).toBe('abc3栋楼道');
  });
});

describe('similarity', () => {
  it('is 1 for the same text up to punctuation, width and spaces', () => {
    expect(similarity('3栋楼道有电瓶车飞线充电', '３栋 楼道有电瓶车飞线充电！')).toBe(1);
  });
  it('is high for a near-duplicate and low for different text', () => {
    expect(similarity('3栋楼道有电瓶车飞线充电', '3栋楼道里有电瓶车在飞线充电')).toBeGreaterThanOrEqual(0.6);
    expect(similarity('3栋楼道有电瓶车飞线充电', '小区门口路灯坏了好几天')).toBeLessThan(0.2);
  });
  it('computes the bigram Dice coefficient', () => {
    // ab,bc vs ab,bd → 2*1/4
    expect(similarity('abc', 'abd')).toBe(0.5);
  });
  it('is 0 when either side is empty', () => {
    expect(similarity('', 'abc')).toBe(0);
    expect(similarity('。。', 'abc')).toBe(0);
  });
  it('is symmetric', () => {
    expect(similarity('楼道堆放杂物', '楼道杂物堆放很多')).toBe(similarity('楼道杂物堆放很多', '楼道堆放杂物'));
  });
});

describe('mentionsPolice', () => {
  it('finds keywords', () => {
    expect(mentionsPolice('有人在楼下打架')).toBe(true);
    expect(mentionsPolice('接到电话 诈 骗,要转账')).toBe(true);
    expect(mentionsPolice('车被偷了')).toBe(true);
  });
  it('ignores ordinary text', () => {
    expect(mentionsPolice('3栋楼道有电瓶车飞线充电')).toBe(false);
    expect(mentionsPolice('')).toBe(false);
  });
});

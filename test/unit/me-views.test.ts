// Views of 我的诉求 / 心愿 as functions of data: what is said about points, and what never renders.
import { jsx } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/messages';
import { FulfilmentDonePage } from '../../views/pages/staff/wishes-confirm';
import { SubmissionDetailPage } from '../../views/pages/me/submission-detail';
import type { MySubmission } from '../../src/domain/submissions/get-my-submission';
import type { ViewCtx } from '../../views/view-ctx';

const v: ViewCtx = {
  t: translator('zh-CN'),
  locale: 'zh-CN',
  nonce: '',
  user: { kind: 'resident', name: '', roles: [] },
  demoMode: false,
  inProcessJobs: false,
  assets: { css: '', htmx: '' },
  path: '/',
  timeZone: 'Asia/Shanghai',
};

// A .ts test file has no JSX: render through jsx() as render.ts does.
const html = <P,>(c: (p: P) => unknown, props: P) => String(jsx(c as never, props as never));

const detail = (over: Partial<MySubmission> = {}): MySubmission => ({
  item: {
    id: 1,
    trackingNo: 'QY-2026-000123',
    kind: 'tip',
    category: '消防隐患',
    description: '楼道堆物',
    place: '',
    status: 'resolved',
    anonymous: false,
    publicWish: false,
    createdAt: new Date('2026-11-20T02:00:00Z'),
    slaDueAt: null,
    resolvedAt: new Date('2026-11-21T02:00:00Z'),
    rating: null,
    ratingComment: null,
    reopenCount: 0,
    tier: 1,
  },
  events: [],
  photos: [],
  steps: [],
  helpers: [],
  points: [],
  canRate: false,
  canReopen: false,
  reopenUntil: null,
  ...over,
});

describe('confirm fulfilment result', () => {
  it('mentions points only when the ledger credited the helper', () => {
    expect(html(FulfilmentDonePage, { v, trackingNo: 'QY-2026-000001', credited: true })).toContain('已按心愿帮扶规则为帮助人发放积分');
    expect(html(FulfilmentDonePage, { v, trackingNo: 'QY-2026-000001', credited: false })).not.toContain('积分');
  });
});

describe('item page', () => {
  it('draws no points section while nothing was earned, and links each ledger entry once there is', () => {
    expect(html(SubmissionDetailPage, { v, data: detail() })).not.toContain('获得积分');
    const page = html(SubmissionDetailPage, { v, data: detail({ points: [{ amount: 50, href: '/me/points/entries/9', at: new Date() }] }) });
    expect(page).toContain('获得积分');
    expect(page).toContain('+50 积分');
    expect(page).toContain('href="/me/points/entries/9"');
  });

  it('shows times in Asia/Shanghai', () => {
    // 02:00 UTC is 10:00 in Shanghai.
    expect(html(SubmissionDetailPage, { v, data: detail() })).toContain('2026/11/20 10:00');
  });
});

// What residents open: the current announcements for where they scanned or live (/announcements) and one announcement.
import type { CurrentAnnouncement } from '../../../src/domain/announcements/current-announcements';
import type { AnnouncementState } from '../../../src/domain/announcements/get-announcement';
import { AnnouncementList } from '../../components/announcement-list';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';

export function AnnouncementsPage(props: { v: ViewCtx; items: CurrentAnnouncement[]; backHref: string | null }) {
  const { t } = props.v;
  return (
    <>
      <section class="card">
        <h1>{t('ann.list.title')}</h1>
        {!props.items.length && (
          <div class="empty" role="status">
            <p>{t('ann.list.empty')}</p>
            <p class="muted">{t('ann.list.how')}</p>
            <a class="btn small" href="/q">{t('ann.list.toScan')}</a>
          </div>
        )}
      </section>
      <AnnouncementList v={props.v} items={props.items} full />
      {props.backHref && <p><a class="btn" href={props.backHref}>{t('qr.soon.back')}</a></p>}
    </>
  );
}

export function AnnouncementPage(props: {
  v: ViewCtx;
  a: { kind: 'notice' | 'police'; title: string; body: string; publishAt: Date; communityName: string; state: AnnouncementState };
}) {
  const { v, a } = props;
  const { t } = v;
  return (
    <article class={`card ann-page ann-${a.kind}`}>
      <span class={`badge ann-kind ann-kind-${a.kind}`}>{t(`ann.kind.${a.kind}`)}</span>
      <h1>{a.title}</h1>
      <p class="muted">{t('ann.detail.time', { community: a.communityName, time: fmtTime(v, a.publishAt) })}</p>
      {a.state === 'withdrawn' && <p class="banner warn" role="status">{t('ann.detail.withdrawn')}</p>}
      {a.state === 'expired' && <p class="banner" role="status">{t('ann.detail.expired')}</p>}
      <p class="ann-body">{a.body}</p>
      <p><a class="btn" href="/announcements">{t('ann.more')}</a></p>
    </article>
  );
}

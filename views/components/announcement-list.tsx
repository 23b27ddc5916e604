// Current announcements as residents see them (scan page, home page, /announcements): police notices marked and first.
import type { CurrentAnnouncement } from '../../src/domain/announcements/current-announcements';
import type { ViewCtx } from '../view-ctx';

/** First lines only on busy pages; the announcement's own page has the whole text. */
const PREVIEW_CHARS = 80;

export function AnnouncementList(props: { v: ViewCtx; items: CurrentAnnouncement[]; full?: boolean; moreHref?: string }) {
  const { t } = props.v;
  if (!props.items.length) return null;
  return (
    <section class="card announcements" aria-labelledby="ann-heading">
      <h2 id="ann-heading">{t('ann.banner.label')}</h2>
      <ul class="list ann-list">
        {props.items.map((a) => (
          <li class={`ann ann-${a.kind}`} data-announcement={a.id}>
            <a href={`/announcements/${a.id}`}>
              <span class={`badge ann-kind ann-kind-${a.kind}`}>{t(`ann.kind.${a.kind}`)}</span>
              <strong>{a.title}</strong>
              <span class="ann-text">{props.full || a.body.length <= PREVIEW_CHARS ? a.body : `${a.body.slice(0, PREVIEW_CHARS)}…`}</span>
            </a>
          </li>
        ))}
      </ul>
      {props.moreHref && <a class="btn small" href={props.moreHref}>{t('ann.more')}</a>}
    </section>
  );
}

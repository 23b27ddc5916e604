// 我的诉求: the resident's items as tappable rows (status badge, category, start of the text), or how to make the first one.
import type { Paged } from '../../../src/domain/communities/paging';
import type { MySubmissionRow } from '../../../src/domain/submissions/list-my-submissions';
import { listHref, Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from './format';

export function StatusBadge(props: { v: ViewCtx; status: MySubmissionRow['status'] }) {
  return <span class={`badge st st-${props.status}`}>{props.v.t(`status.${props.status}`)}</span>;
}

/** An item's status, kind and any extra tags above its title (the resident's and the staff item pages). */
export function ItemHead(props: { v: ViewCtx; status: MySubmissionRow['status']; kind: 'tip' | 'wish'; children?: unknown }) {
  return (
    <p class="item-head">
      <StatusBadge v={props.v} status={props.status} />
      <span class="muted">{props.v.t(`kind.${props.kind}`)}</span>
      {props.children}
    </p>
  );
}

export function MySubmissionsPage(props: { v: ViewCtx; result: Paged<MySubmissionRow> }) {
  const { v } = props;
  const { t } = v;
  const r = props.result;
  return (
    <section class="card">
      <h1>{t('me.list.title')}</h1>
      {r.total === 0 ? (
        <div class="empty">
          <p>{t('me.list.empty')}</p>
          <p>{t('me.list.emptyHow')}</p>
          <p class="actions">
            <a class="btn primary" href="/report">{t('howto.title')}</a>
            <a class="btn" href="/wishes">{t('me.list.toWishes')}</a>
          </p>
        </div>
      ) : (
        <>
          <p class="muted">{t('me.list.intro')}</p>
          <ul class="list items" id="my-submissions">
            {r.rows.map((s) => (
              <li>
                <a href={`/me/submissions/${s.trackingNo}`} data-tracking-no={s.trackingNo}>
                  <span class="item-head">
                    <StatusBadge v={v} status={s.status} />
                    <strong>{s.category}</strong>
                    <span class="muted">{t(`kind.${s.kind}`)}</span>
                  </span>
                  <span class="item-text">{s.excerpt}</span>
                  <span class="muted">
                    <span class="mono">{s.trackingNo}</span> · {t('me.list.updated', { time: fmtTime(v, s.updatedAt) })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {r.pages > 1 && <Pager t={t} page={r.page} pages={r.pages} total={r.total} href={(p) => listHref('/me/submissions', { page: p })} />}
        </>
      )}
    </section>
  );
}

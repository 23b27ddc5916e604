// 消息: the user's notifications, unread first in weight (bold, "未读"), each opening where it points; mark all read.
import type { Paged } from '../../../src/domain/communities/paging';
import type { InboxRow } from '../../../src/domain/notifications/list-notifications';
import { notificationText } from '../../../src/domain/notifications/notification-text';
import { Notice } from '../../components/confirm';
import { listHref, Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from './format';

export function InboxPage(props: { v: ViewCtx; result: Paged<InboxRow> & { unread: number }; notice?: string }) {
  const { v } = props;
  const { t } = v;
  const r = props.result;
  return (
    <section class="card" id="inbox">
      <div class="head">
        <h1>{t('inbox.title')}</h1>
        <span class="muted">{r.unread ? t('inbox.unread', { n: r.unread }) : r.total ? t('inbox.allRead') : ''}</span>
      </div>
      <Notice text={props.notice} />
      {r.unread > 0 && (
        <form method="post" action="/me/inbox/read-all">
          <button class="btn" type="submit">{t('inbox.markAll')}</button>
        </form>
      )}
      {r.total === 0 ? (
        <div class="empty">
          <p>{t('inbox.empty')}</p>
          <p>{t('inbox.emptyHow')}</p>
          <a class="btn" href="/report">{t('howto.title')}</a>
        </div>
      ) : (
        <ul class="list inbox">
          {r.rows.map((n) => {
            const text = notificationText(t, n);
            return (
              <li class={n.readAt ? 'read' : 'unread'}>
                <a href={`/me/inbox/${n.id}`} data-notification={String(n.id)}>
                  <span class="item-head">
                    {!n.readAt && <span class="badge new">{t('inbox.new')}</span>}
                    <span class="msg-title">{text.heading}</span>
                  </span>
                  {text.text && <span class="item-text">{text.text}</span>}
                  <time class="muted">{fmtTime(v, n.createdAt)}</time>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {r.pages > 1 && <Pager t={t} page={r.page} pages={r.pages} total={r.total} href={(p) => listHref('/me/inbox', { page: p })} />}
    </section>
  );
}

/** A notification that points nowhere is shown on its own page when opened. */
export function NotificationPage(props: { v: ViewCtx; n: InboxRow }) {
  const { v } = props;
  const text = notificationText(v.t, props.n);
  return (
    <section class="card">
      <p><a href="/me/inbox">← {v.t('inbox.title')}</a></p>
      <h1>{text.heading}</h1>
      {text.text && <p class="item-text">{text.text}</p>}
      <time class="muted">{fmtTime(v, props.n.createdAt)}</time>
    </section>
  );
}

// The page frame: header with role navigation, main content, language switch. Mobile-first; works without JavaScript.
import type { Child } from 'hono/jsx';
import { WISH_STAFF_ROLES } from '../../src/domain/wishes/staff-offer';
import type { ViewCtx } from '../view-ctx';

/** 消息 with the unread count as a badge; screen readers hear "消息,3 条未读". */
function InboxLink(props: { v: ViewCtx }) {
  const { v } = props;
  const n = v.unread ?? 0;
  return (
    <a href="/me/inbox" aria-label={n ? v.t('nav.inboxUnread', { n }) : undefined}>
      {v.t('nav.inbox')}
      {n > 0 && <span class="count" aria-hidden="true">{n > 99 ? '99+' : n}</span>}
    </a>
  );
}

/** 待办 with the number of open items in the staff member's queue. */
function QueueLink(props: { v: ViewCtx; n: number }) {
  const { v, n } = props;
  return (
    <a href="/staff/queue" aria-label={v.t('nav.queueOpen', { n })}>
      {v.t('nav.queue')}
      {n > 0 && <span class="count" aria-hidden="true">{n > 999 ? '999+' : n}</span>}
    </a>
  );
}

export function Page(props: { v: ViewCtx; title: string; children: Child }) {
  const { v } = props;
  const roles = v.user?.roles ?? [];
  return (
    <html lang={v.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS": false}' />
        <title>{`${props.title} · ${v.t('app.name')}`}</title>
        <link rel="stylesheet" href={v.assets.css} />
        <script src={v.assets.htmx} nonce={v.nonce} defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            {v.t('app.name')}
          </a>
          <nav class="nav" aria-label="main">
            {v.user?.kind === 'resident' && <a href="/me/submissions">{v.t('nav.mySubmissions')}</a>}
            {v.user?.kind !== 'staff' && <a href="/wishes">{v.t('nav.wishes')}</a>}
            {v.user?.kind === 'resident' && <a href="/shifts">{v.t('nav.shifts')}</a>}
            {v.user?.kind === 'resident' && <InboxLink v={v} />}
            {v.user?.kind === 'staff' && <a href="/staff">{v.t('nav.staff')}</a>}
            {v.openItems !== undefined && <QueueLink v={v} n={v.openItems} />}
            {roles.some((r) => WISH_STAFF_ROLES.includes(r)) && <a href="/staff/wishes">{v.t('nav.staffWishes')}</a>}
            {roles.includes('organiser') && <a href="/organiser">{v.t('nav.organiser')}</a>}
            {roles.includes('community_admin') && <a href="/admin">{v.t('nav.admin')}</a>}
            {v.user ? <a href="/account">{v.t('nav.account')}</a> : <a href="/login">{v.t('nav.signIn')}</a>}
          </nav>
        </header>
        {v.inProcessJobs && roles.includes('community_admin') && <p class="banner warn">{v.t('admin.inProcessWarning')}</p>}
        <main id="main">{props.children}</main>
        <footer class="foot">
          <form method="post" action="/lang">
            <input type="hidden" name="lang" value={v.locale === 'en' ? 'zh-CN' : 'en'} />
            <input type="hidden" name="next" value={v.path} />
            <button class="link" type="submit">
              {v.t('nav.language')}
            </button>
          </form>
          <span>{v.t('app.tagline')}</span>
        </footer>
      </body>
    </html>
  );
}

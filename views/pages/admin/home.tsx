// Admin overview: each managed community with links to its pages (grids, places, staff, import/export, QR codes), job status.
import type { ViewCtx } from '../../view-ctx';
import { communityLinks } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';

export function AdminHome(props: {
  v: ViewCtx;
  mode: 'bullmq' | 'inprocess';
  counts: Record<string, number>;
  communities: { id: number; name: string; code: string; district: string }[];
  notice?: string;
}) {
  const { t } = props.v;
  return (
    <>
      <Notice text={props.notice} />
      <h1>{t('admin.title')}</h1>
      {props.communities.length === 0 && <p class="empty">{t('adm.home.noCommunity')}</p>}
      {props.communities.map((c) => (
        <section class="card" data-community={c.code}>
          <h2>{t('adm.home.manage', { name: c.name })}</h2>
          <p class="muted">{c.district} · <span class="mono">{c.code}</span></p>
          <ul class="menu">
            {communityLinks(c.id).map((l) => (
              <li><a href={l.href}>{t(l.label)}</a></li>
            ))}
            <li><a href={`/admin/rules?community=${c.id}`}>{t('rules.adminLink')}</a></li>
          </ul>
        </section>
      ))}
      <section class="card">
        <h2>{t('admin.health')}</h2>
        <p>
          {t(props.mode === 'bullmq' ? 'admin.mode.redis' : 'admin.mode.inprocess')} ·{' '}
          {Object.entries(props.counts).map(([k, n]) => `${k} ${n}`).join(' · ')}
        </p>
        {props.mode === 'bullmq' && <p><a href="/admin/queues">{t('nav.queues')}</a></p>}
        <p><a href="/admin/ledger">{t('ledger.link')}</a></p>
        <p><a href="/admin/rewards">{t('report.title')}</a> · <a href="/clerk">{t('clerk.title')}</a></p>
        <form method="post" action="/admin/queue-test">
          <button class="btn" type="submit">{t('admin.queueTest')}</button>
        </form>
      </section>
    </>
  );
}

/** Destructive actions get a page of their own that asks first; it works without JavaScript. */
export function ConfirmReset(props: { v: ViewCtx; staff: { id: number; name: string; username: string; communityId: number } }) {
  const { t } = props.v;
  return (
    <section class="card">
      <h1>{t('admin.resetPassword')}</h1>
      <p>
        <strong>{props.staff.name}</strong> ({props.staff.username})
      </p>
      <p>{t('admin.resetConfirm')}</p>
      <form method="post" action={`/admin/staff/${props.staff.id}/reset-password`}>
        <button class="btn danger" type="submit">{t('admin.resetPassword')}</button>
        <a class="btn" href={`/admin/c/${props.staff.communityId}/staff/${props.staff.id}`}>{t('common.cancel')}</a>
      </form>
    </section>
  );
}

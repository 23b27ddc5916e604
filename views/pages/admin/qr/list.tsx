// Admin QR list: community switch, purpose/status filter (plain GET form), rows with scan counts and actions, pager, poster downloads.
import { QR_PURPOSES } from '../../../../src/db/schema';
import { QR_STATUSES, type QrFilter, type QrListRow } from '../../../../src/domain/qr/list-qr-codes';
import type { ViewCtx } from '../../../view-ctx';
import { PosterDownloads, QrRow } from './parts';

export interface QrListProps {
  v: ViewCtx;
  communities: { id: number; name: string }[];
  filter: QrFilter;
  result: { rows: QrListRow[]; total: number; page: number; pages: number };
}

export function qrListHref(f: QrFilter, page: number) {
  const q = new URLSearchParams({ community: String(f.communityId) });
  if (f.purpose) q.set('purpose', f.purpose);
  if (f.status) q.set('status', f.status);
  if (page > 1) q.set('page', String(page));
  return `/admin/qr?${q}`;
}

export function QrListPage(props: QrListProps) {
  const { t } = props.v;
  const f = props.filter;
  const r = props.result;
  return (
    <>
      <section class="card">
        <p><a href="/admin">← {t('admin.title')}</a></p>
        <h1>{t('qr.admin.title')}</h1>
        <form method="get" action="/admin/qr" class="qr-filter">
          {props.communities.length > 1 ? (
            <div class="field">
              <label for="f-community">{t('qr.admin.community')}</label>
              <select id="f-community" name="community">
                {props.communities.map((c) => <option value={String(c.id)} selected={c.id === f.communityId}>{c.name}</option>)}
              </select>
            </div>
          ) : (
            <input type="hidden" name="community" value={String(f.communityId)} />
          )}
          <div class="field">
            <label for="f-purpose">{t('qr.admin.filterPurpose')}</label>
            <select id="f-purpose" name="purpose">
              <option value="">{t('qr.admin.all')}</option>
              {QR_PURPOSES.map((p) => <option value={p} selected={f.purpose === p}>{t(`qr.purpose.${p}`)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="f-status">{t('qr.admin.filterStatus')}</label>
            <select id="f-status" name="status">
              <option value="">{t('qr.admin.all')}</option>
              {QR_STATUSES.map((s) => <option value={s} selected={f.status === s}>{t(`qr.status.${s}`)}</option>)}
            </select>
          </div>
          <button class="btn" type="submit">{t('qr.admin.apply')}</button>
        </form>
        <p>
          <a class="btn primary" href={`/admin/qr/new?community=${f.communityId}`}>{t('qr.admin.new')}</a>
        </p>
        <p class="muted">{t('qr.admin.total', { n: r.total })}</p>
        {r.rows.length === 0 ? (
          <p class="empty">{t('qr.admin.none')}</p>
        ) : (
          <ul class="list" id="qr-list">
            {r.rows.map((row) => <QrRow v={props.v} row={row} />)}
          </ul>
        )}
        {r.pages > 1 && (
          <nav class="pager" aria-label={t('qr.admin.pageOf', { page: r.page, pages: r.pages })}>
            {r.page > 1 ? <a class="btn small" href={qrListHref(f, r.page - 1)}>{t('common.prev')}</a> : <span />}
            <span>{t('qr.admin.pageOf', { page: r.page, pages: r.pages })}</span>
            {r.page < r.pages ? <a class="btn small" href={qrListHref(f, r.page + 1)}>{t('common.next')}</a> : <span />}
          </nav>
        )}
      </section>
      <PosterDownloads v={props.v} communityId={f.communityId} />
    </>
  );
}

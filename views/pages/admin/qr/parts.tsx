// Pieces shared by the admin QR pages: one list row, the status badge, the community's poster downloads.
import type { QrListRow } from '../../../../src/domain/qr/list-qr-codes';
import type { ViewCtx } from '../../../view-ctx';

export function StatusBadge(props: { v: ViewCtx; status: QrListRow['status'] }) {
  return <span class={`badge ${props.status}`}>{props.v.t(`qr.status.${props.status}`)}</span>;
}

export function QrRow(props: { v: ViewCtx; row: QrListRow }) {
  const { t } = props.v;
  const r = props.row;
  return (
    <li class="qr-row" id={`qr-${r.id}`}>
      <span>
        <a href={`/admin/qr/${r.id}`}><strong>{r.label}</strong></a> <StatusBadge v={props.v} status={r.status} />
      </span>
      <span class="muted">
        {t(`qr.purpose.${r.purpose}`)} · {r.place.join(' › ')} · <span class="mono">{r.code}</span>
      </span>
      <span class="muted">{t('qr.admin.scans', { n: r.scans30, today: r.scansToday })}</span>
      {r.status === 'active' && (
        <span class="btns">
          <a class="btn small" href={`/admin/qr/${r.id}/poster.pdf`} download>{t('qr.admin.posterPdf')}</a>
          <a class="btn small" href={`/admin/qr/${r.id}/poster.png`} download>{t('qr.admin.posterPng')}</a>
          <a class="btn small" href={`/admin/qr/${r.id}/replace`}>{t('qr.admin.replace')}</a>
          <a class="btn small danger" href={`/admin/qr/${r.id}/disable`}>{t('qr.admin.disable')}</a>
        </span>
      )}
    </li>
  );
}

export function PosterDownloads(props: { v: ViewCtx; communityId: number }) {
  const { t } = props.v;
  const q = `community=${props.communityId}`;
  return (
    <section class="card" id="posters">
      <h2>{t('qr.admin.posters')}</h2>
      <p class="muted">{t('qr.admin.postersHint')}</p>
      <p class="btns">
        <a class="btn" href={`/admin/qr/posters.pdf?${q}`} download>{t('qr.admin.allPosters')}</a>
        <a class="btn" href={`/admin/qr/sheet.pdf?${q}&per=4`} download>{t('qr.admin.sheet', { n: 4 })}</a>
        <a class="btn" href={`/admin/qr/sheet.pdf?${q}&per=8`} download>{t('qr.admin.sheet', { n: 8 })}</a>
      </p>
    </section>
  );
}

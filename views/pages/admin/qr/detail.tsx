// One QR code: facts, successor/predecessor, scans per day over 30 days, poster downloads and the disable/replace actions.
import type { QrCodeDetail } from '../../../../src/domain/qr/get-qr-code-detail';
import type { ViewCtx } from '../../../view-ctx';
import { StatusBadge } from './parts';

export function QrDetailPage(props: { v: ViewCtx; qr: QrCodeDetail; notice?: string }) {
  const { t } = props.v;
  const q = props.qr;
  return (
    <>
      {props.notice && <p class="banner ok" role="status" id="notice">{props.notice}</p>}
      <section class="card">
        <p><a href={`/admin/qr?community=${q.communityId}`}>← {t('qr.admin.title')}</a></p>
        <h1>{q.label}</h1>
        <p><StatusBadge v={props.v} status={q.status} /></p>
        <dl class="facts">
          <dt>{t('qr.enter.label')}</dt>
          <dd class="mono">{q.code}</dd>
          <dt>{t('qr.admin.purpose')}</dt>
          <dd>{t(`qr.purpose.${q.purpose}`)}</dd>
          <dt>{t('qr.admin.place')}</dt>
          <dd>{[q.communityName, ...q.place].join(' › ')}</dd>
          {q.successor && <dt>{t('qr.admin.successor')}</dt>}
          {q.successor && <dd><a class="mono" href={`/admin/qr/${q.successor.id}`}>{q.successor.code}</a></dd>}
          {q.predecessor && <dt>{t('qr.admin.predecessor')}</dt>}
          {q.predecessor && <dd><a class="mono" href={`/admin/qr/${q.predecessor.id}`}>{q.predecessor.code}</a></dd>}
        </dl>
        <p class="btns">
          <a class="btn small" href={`/q/${q.code}`}>{t('qr.admin.open')}</a>
          {q.status === 'active' && (
            <>
              <a class="btn small" href={`/admin/qr/${q.id}/poster.pdf`} download>{t('qr.admin.posterPdf')}</a>
              <a class="btn small" href={`/admin/qr/${q.id}/poster.png`} download>{t('qr.admin.posterPng')}</a>
              <a class="btn small danger" href={`/admin/qr/${q.id}/disable`}>{t('qr.admin.disable')}</a>
            </>
          )}
          {q.status !== 'replaced' && <a class="btn small" href={`/admin/qr/${q.id}/replace`}>{t('qr.admin.replace')}</a>}
        </p>
      </section>
      <section class="card">
        <h2>{t('qr.admin.scans', { n: q.total, today: q.today })}</h2>
        {q.days.length === 0 ? (
          <p class="empty">{t('common.empty')}</p>
        ) : (
          <dl class="facts" id="scan-days">
            {q.days.map((d) => (
              <>
                <dt>{d.day}</dt>
                <dd>{d.scans}</dd>
              </>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}

/** Disabling or replacing gets a page of its own that asks first; it works without JavaScript. */
export function QrConfirmPage(props: { v: ViewCtx; qr: { id: number; code: string; label: string }; action: 'disable' | 'replace' }) {
  const { t } = props.v;
  const { qr, action } = props;
  return (
    <section class="card">
      <h1>{t(`qr.admin.${action}`)}</h1>
      <p>
        <strong>{qr.label}</strong> <span class="mono">{qr.code}</span>
      </p>
      <p>{t(action === 'disable' ? 'qr.admin.disableConfirm' : 'qr.admin.replaceConfirm')}</p>
      <form method="post" action={`/admin/qr/${qr.id}/${action}`}>
        <button class={action === 'disable' ? 'btn danger' : 'btn'} type="submit">{t(`qr.admin.${action}`)}</button>
        <a class="btn" href={`/admin/qr/${qr.id}`}>{t('common.cancel')}</a>
      </form>
    </section>
  );
}

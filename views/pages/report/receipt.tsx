// The receipt after filing: the tracking number to keep, when the first answer is due, and where to follow the item.
import type { Receipt } from '../../../src/domain/submissions/get-receipt';
import type { ViewCtx } from '../../view-ctx';

const dueFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDue(at: Date, locale: string, timeZone: string): string {
  // One formatter per language and zone, built on first use (building one costs far more than using it).
  const key = `${locale}|${timeZone}`;
  let f = dueFormats.get(key);
  if (!f) dueFormats.set(key, (f = dueFormat(locale, timeZone)));
  return f.format(at);
}

function dueFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function ReceiptPage(props: { v: ViewCtx; r: Receipt; timeZone: string }) {
  const { t, locale } = props.v;
  const r = props.r;
  const followHref = `/me/submissions/${r.trackingNo}`;
  return (
    <section class="card receipt" aria-labelledby="receipt-title">
      <p class="receipt-ok" aria-hidden="true">✓</p>
      <h1 id="receipt-title">{t('report.done.title', { kind: t(`report.kind.${r.kind}`) })}</h1>
      <p>{t('report.done.lead')}</p>
      <div class="tracking">
        <p class="muted">{t('report.done.trackingNo')}</p>
        <p class="tracking-no mono" data-tracking-no={r.trackingNo}>{r.trackingNo}</p>
        <p class="muted">{t('report.done.keep')}</p>
      </div>
      <dl class="facts">
        <dt>{t('report.done.status')}</dt>
        <dd>{t(`status.${r.status}`)}</dd>
        <dt>{t('report.done.category')}</dt>
        <dd>{r.categoryLabel}</dd>
        {r.photoCount > 0 && (
          <>
            <dt>{t('report.done.photos')}</dt>
            <dd>{t('report.done.photoCount', { n: r.photoCount })}</dd>
          </>
        )}
        {r.slaDueAt && (
          <>
            <dt>{t('report.done.due')}</dt>
            <dd class="due">
              <time datetime={r.slaDueAt.toISOString()}>{t('report.done.dueValue', { time: formatDue(r.slaDueAt, locale, props.timeZone) })}</time>
            </dd>
          </>
        )}
      </dl>
      {r.anonymous && <p class="banner info">{t('report.done.anonymous')}</p>}
      <a class="btn primary" href={followHref}>{t('report.done.follow')}</a>
      <p class="receipt-links">
        <a class="btn" href="/me/submissions">{t('report.done.mine')}</a>
        {r.qrCode && <a class="btn" href={`/q/${r.qrCode}`}>{t('report.done.again')}</a>}
      </p>
    </section>
  );
}

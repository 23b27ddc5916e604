// An honest placeholder for pages the scan page links to before their feature exists; always with a way back.
import type { ScanActionKey } from '../../../src/domain/qr/purpose-actions';
import type { ViewCtx } from '../../view-ctx';

export function ComingSoonPage(props: { v: ViewCtx; feature: ScanActionKey; backHref: string }) {
  const { t } = props.v;
  return (
    <section class="card center">
      <h1>{t('qr.soon.title')}</h1>
      <p>{t('qr.soon.body', { feature: t(`qr.action.${props.feature}`) })}</p>
      <p>
        <a class="btn primary" href={props.backHref}>{props.backHref === '/' ? t('common.backHome') : t('qr.soon.back')}</a>
      </p>
    </section>
  );
}

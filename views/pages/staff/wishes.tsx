// /staff/wishes: wishes in my grids with neighbours' offers; arrange one helper, release or turn down, confirm fulfilment.
import type { Msg } from '../../../src/domain/errors';
import type { Paged } from '../../../src/domain/communities/paging';
import type { OfferFilter, StaffOffer, StaffWishRow } from '../../../src/domain/wishes/list-wish-offers';
import { Notice } from '../../components/confirm';
import { FormError } from '../../components/field';
import { listHref, Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';

export interface StaffWishesData {
  filter: OfferFilter;
  result: Paged<StaffWishRow> & { offers: Map<number, StaffOffer[]> };
}

function OfferRow(props: { v: ViewCtx; o: StaffOffer; wishTaken: boolean }) {
  const { v, o } = props;
  const { t } = v;
  const act = (what: string) => `/staff/wishes/offers/${o.id}/${what}`;
  return (
    <li class="offer" data-offer={String(o.id)}>
      <p class="item-head">
        <span class={`badge os-${o.status}`}>{t(`staffWish.offer.${o.status}`)}</span>
        <strong>{o.helperName || t('staffWish.noName')}</strong>
        {o.helperPhone && <a href={`tel:${o.helperPhone}`} class="btn small mono">{o.helperPhone}</a>}
      </p>
      {o.note && <p class="item-text">{t('staffWish.note', { note: o.note })}</p>}
      <p class="muted">{t('staffWish.offeredAt', { time: fmtTime(v, o.createdAt) })}</p>
      <div class="btns">
        {o.status === 'offered' && !props.wishTaken && (
          <form method="post" action={act('accept')}>
            <button class="btn" type="submit">{t('staffWish.accept')}</button>
          </form>
        )}
        {o.status === 'accepted' && <a class="btn primary" href={act('confirm')}>{t('staffWish.confirm')}</a>}
        {(o.status === 'offered' || o.status === 'accepted') && (
          <form method="post" action={act('decline')}>
            <button class="btn danger" type="submit">{t(o.status === 'accepted' ? 'staffWish.release' : 'staffWish.decline')}</button>
          </form>
        )}
      </div>
    </li>
  );
}

export function StaffWishesPage(props: { v: ViewCtx; data: StaffWishesData; notice?: string; error?: Msg }) {
  const { v } = props;
  const { t } = v;
  const { filter, result: r } = props.data;
  return (
    <>
      <section class="card">
        <h1>{t('staffWish.title')}</h1>
        <p class="muted">{t('staffWish.intro')}</p>
        <nav class="tabs">
          {(['open', 'done'] as const).map((f) => (
            <a class={f === filter ? 'tab on' : 'tab'} href={listHref('/staff/wishes', { status: f === 'open' ? null : f })} aria-current={f === filter ? 'page' : undefined}>
              {t(`staffWish.filter.${f}`)}
            </a>
          ))}
        </nav>
      </section>
      <Notice text={props.notice} />
      <FormError t={t} error={props.error} />
      {r.total === 0 ? (
        <section class="card empty">
          <p>{t(`staffWish.empty.${filter}`)}</p>
          <p>{t('staffWish.emptyHow')}</p>
        </section>
      ) : (
        r.rows.map((w) => (
          <article class="card wish" data-wish={String(w.id)}>
            <p class="item-head">
              <strong>{w.category}</strong>
              <span class="mono muted">{w.trackingNo}</span>
            </p>
            <p class="item-text">{w.description}</p>
            <p class="muted">
              {w.placeName ? `${w.placeName} · ` : ''}
              {t('staffWish.wishStatus', { status: t(`status.${w.status}`) })}
            </p>
            <ul class="list offers" aria-label={t('staffWish.helper')}>
              {(r.offers.get(w.id) ?? []).map((o) => <OfferRow v={v} o={o} wishTaken={w.hasAccepted} />)}
            </ul>
          </article>
        ))
      )}
      {r.pages > 1 && <Pager t={t} page={r.page} pages={r.pages} total={r.total} href={(p) => listHref('/staff/wishes', { status: filter === 'open' ? null : filter, page: p })} />}
    </>
  );
}

// 心愿墙: neighbours' public wishes as cards (masked author, state, how to help), newest first, with a pager.
import type { Paged } from '../../../src/domain/communities/paging';
import type { PublicWish } from '../../../src/domain/wishes/list-public-wishes';
import { Notice } from '../../components/confirm';
import { listHref, Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate } from '../me/format';

export interface WallData {
  current: { id: number; name: string };
  communities: { id: number; name: string }[];
  result: Paged<PublicWish>;
}

export function WishAction(props: { v: ViewCtx; w: PublicWish }) {
  const { v, w } = props;
  const { t } = v;
  if (w.state === 'fulfilled') return null;
  if (w.mine) return <p class="muted">{t('wish.mine')}</p>;
  if (w.myOffer) return <p class="banner info">{t(`wish.myOffer.${w.myOffer}`)}</p>;
  if (!v.user) return <a class="btn" href={`/login?next=${encodeURIComponent(`/wishes/${w.id}/offer`)}`}>{t('wish.signInToOffer')}</a>;
  if (v.user.kind !== 'resident') return null;
  return <a class="btn primary" href={`/wishes/${w.id}/offer`}>{t('wish.offer')}</a>;
}

export function WishCard(props: { v: ViewCtx; w: PublicWish; action?: boolean }) {
  const { v, w } = props;
  const { t } = v;
  return (
    <article class={`card wish wish-${w.state}`} data-wish={String(w.id)}>
      <p class="item-head">
        <span class={`badge ws-${w.state}`}>{t(`wish.state.${w.state}`)}</span>
        <strong>{w.category}</strong>
      </p>
      <p class="item-text">{w.description}</p>
      <p class="muted">
        {w.author ?? t('wish.someone')} · {fmtDate(v, w.createdAt)}
        {w.state !== 'fulfilled' && w.openOffers > 0 && <> · {t('wish.offers', { n: w.openOffers })}</>}
      </p>
      {props.action !== false && <WishAction v={v} w={w} />}
    </article>
  );
}

export function WishWallPage(props: { v: ViewCtx; data: WallData | null; notice?: string }) {
  const { v, data } = props;
  const { t } = v;
  if (!data) {
    return (
      <section class="card">
        <h1>{t('wish.title')}</h1>
        <p class="empty">{t('wish.noCommunity')}</p>
      </section>
    );
  }
  const r = data.result;
  return (
    <>
      <section class="card">
        <h1>{t('wish.title')}</h1>
        <p class="muted">{data.current.name}</p>
        <p>{t('wish.intro')}</p>
        {data.communities.length > 1 && (
          <nav class="tabs" aria-label={t('wish.community')}>
            {data.communities.map((c) => (
              <a class={c.id === data.current.id ? 'tab on' : 'tab'} href={`/wishes?c=${c.id}`} aria-current={c.id === data.current.id ? 'page' : undefined}>
                {c.name}
              </a>
            ))}
          </nav>
        )}
      </section>
      <Notice text={props.notice} />
      {r.total === 0 ? (
        <section class="card empty">
          <p>{t('wish.empty')}</p>
          <p>{t('wish.emptyHow')}</p>
          <a class="btn" href="/report">{t('howto.title')}</a>
        </section>
      ) : (
        <div id="wishes">
          {r.rows.map((w) => <WishCard v={v} w={w} />)}
        </div>
      )}
      {r.pages > 1 && <Pager t={t} page={r.page} pages={r.pages} total={r.total} href={(p) => listHref('/wishes', { c: data.current.id, page: p })} />}
    </>
  );
}

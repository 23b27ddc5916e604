// /rewards: balance on top, what I can afford first, then the rest with the points still needed; sold out and full marked.
import type { Catalog, CatalogEntry } from '../../../src/domain/rewards/list-catalog';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';

function Entry(props: { v: ViewCtx; e: CatalogEntry; signedIn: boolean }) {
  const { v, e } = props;
  const { t } = v;
  const i = e.item;
  return (
    <li class={e.unavailable ? 'reward off' : 'reward'} data-item={i.id}>
      {i.photoKey && <img class="reward-photo" src={`/reward-photos/${i.id}`} alt="" width="96" height="96" loading="lazy" />}
      <div class="item-head">
        <strong>{i.name}</strong>
        <span class="badge">{t(`rewards.kind.${i.kind}`)}</span>
      </div>
      {i.description && <p class="muted">{i.description}</p>}
      <p>
        <strong class="price">{t('rewards.price', { n: i.price })}</strong>
        {i.kind === 'goods' && (e.unavailable ? <span class="badge disabled"> {t('rewards.soldOut')}</span> : <span class="muted"> · {t('rewards.stock', { n: i.stock ?? 0 })}</span>)}
        {i.monthlyLimit && <span class="muted"> · {t('rewards.monthlyLimit', { n: i.monthlyLimit })}</span>}
      </p>
      {props.signedIn && e.short > 0 && <p class="short" data-short={e.short}>{t('rewards.needMore', { n: e.short })}</p>}
      {i.kind === 'goods' && !e.unavailable && e.short === 0 && props.signedIn && (
        <a class="btn primary" href={`/rewards/${i.id}`}>{t('rewards.redeem')}</a>
      )}
      {i.kind === 'course' && (
        <ul class="sessions">
          {e.sessions.map((s) => (
            <li data-session={s.id}>
              <span>{fmtTime(v, s.startsAt)} · {s.place}</span>
              {s.seatsLeft <= 0 ? (
                <span class="badge disabled">{t('rewards.full')}</span>
              ) : (
                <>
                  <span class="muted"> {t('rewards.seatsLeft', { n: s.seatsLeft })}</span>
                  {props.signedIn && e.short === 0 && <a class="btn small" href={`/rewards/${i.id}?session=${s.id}`}>{t('rewards.book')}</a>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function CatalogPage(props: { v: ViewCtx; catalog: Catalog; communityName: string }) {
  const { v } = props;
  const { t } = v;
  const c = props.catalog;
  const signedIn = c.balance !== null;
  const none = !c.affordable.length && !c.others.length;
  return (
    <section class="card" id="rewards">
      <h1>{t('rewards.title')}</h1>
      <p class="muted">{props.communityName}</p>
      {signedIn ? (
        <dl class="facts">
          <dt>{t('rewards.balance')}</dt>
          <dd class="points-big" data-balance={c.balance}>{c.balance}</dd>
        </dl>
      ) : (
        <p>
          {t('rewards.signInFirst')} <a class="btn" href="/login?next=/rewards">{t('nav.signIn')}</a>
        </p>
      )}
      {signedIn && <p><a href="/me/vouchers">{t('rewards.myVouchers')}</a> · <a href="/me/points">{t('points.ledger.link')}</a></p>}
      {none && <p class="empty">{t('rewards.empty')}</p>}
      {c.affordable.length > 0 && (
        <>
          <h2>{t('rewards.affordable')}</h2>
          <ul class="list rewards" id="affordable">{c.affordable.map((e) => <Entry v={v} e={e} signedIn={signedIn} />)}</ul>
        </>
      )}
      {c.others.length > 0 && (
        <>
          {signedIn && <h2>{t('rewards.others')}</h2>}
          <ul class="list rewards" id="others">{c.others.map((e) => <Entry v={v} e={e} signedIn={signedIn} />)}</ul>
        </>
      )}
    </section>
  );
}

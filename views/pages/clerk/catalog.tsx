// 兑换品管理 (clerks and admins): the list, the item form (goods or course), one item with its stock/seat changes,
// sessions and history. Every form works without JavaScript; errors re-render with the values kept.
import type { Msg } from '../../../src/domain/errors';
import type { CatalogItemPage } from '../../../src/domain/rewards/catalog/list-catalog-admin';
import type { RewardItem } from '../../../src/domain/rewards/redeemable';
import { Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtDate, fmtTime } from '../me/format';

const q = (communityId: number) => `?community=${communityId}`;

export function CatalogListPage(props: { v: ViewCtx; communityId: number; items: RewardItem[]; notice?: string }) {
  const { v } = props;
  const { t } = v;
  return (
    <section class="card" id="catalog">
      <Notice text={props.notice} />
      <h1>{t('catalog.title')}</h1>
      <p>
        <a class="btn primary" href={`/clerk/catalog/new${q(props.communityId)}&kind=goods`}>{t('catalog.new')} · {t('rewards.kind.goods')}</a>{' '}
        <a class="btn" href={`/clerk/catalog/new${q(props.communityId)}&kind=course`}>{t('catalog.new')} · {t('rewards.kind.course')}</a>
      </p>
      <ul class="list items">
        {props.items.map((i) => (
          <li>
            <a href={`/clerk/catalog/${i.id}${q(props.communityId)}`} data-catalog-item={i.id}>
              <span class="item-head">
                <strong>{i.name}</strong>
                <span class="badge">{t(`rewards.kind.${i.kind}`)}</span>
                {!i.active && <span class="badge disabled">{t('catalog.inactive')}</span>}
              </span>
              <span class="muted">{t('rewards.price', { n: i.price })}{i.kind === 'goods' && ` · ${t('rewards.stock', { n: i.stock ?? 0 })}`}</span>
            </a>
          </li>
        ))}
      </ul>
      <p><a href={`/clerk${q(props.communityId)}`}>{t('clerk.title')}</a></p>
    </section>
  );
}

export function ItemFormPage(props: { v: ViewCtx; communityId: number; kind: 'goods' | 'course'; item?: RewardItem; values: Record<string, string>; errors?: FieldErrors; formError?: Msg }) {
  const { v, values: x } = props;
  const { t } = v;
  const action = props.item ? `/clerk/catalog/${props.item.id}${q(props.communityId)}` : `/clerk/catalog${q(props.communityId)}`;
  return (
    <section class="card" id="item-form">
      <h1>{props.item ? t('catalog.edit') : t('catalog.new')} · {t(`rewards.kind.${props.kind}`)}</h1>
      <FormError t={t} error={props.formError} />
      <form method="post" action={action} enctype="multipart/form-data">
        <input type="hidden" name="kind" value={props.kind} />
        <Field t={t} name="name" label={t('catalog.name')} value={x.name} errors={props.errors} maxlength={40} required />
        <Field t={t} name="description" label={t('catalog.description')} value={x.description} errors={props.errors} maxlength={300} />
        <Field t={t} name="price" label={t('catalog.price')} value={x.price} errors={props.errors} inputmode="numeric" required />
        {props.kind === 'goods' && !props.item && <Field t={t} name="stock" label={t('catalog.stock')} hint={t('catalog.stockHint')} value={x.stock} errors={props.errors} inputmode="numeric" required />}
        {props.kind === 'goods' && <Field t={t} name="monthlyLimit" label={t('catalog.limit')} value={x.monthlyLimit} errors={props.errors} inputmode="numeric" />}
        <Field t={t} name="pickup" label={t('catalog.pickup')} hint={t('catalog.pickupHint')} value={x.pickup} errors={props.errors} maxlength={100} />
        <Field t={t} name="activeFrom" label={t('catalog.activeFrom')} type="date" value={x.activeFrom} errors={props.errors} />
        <Field t={t} name="activeTo" label={t('catalog.activeTo')} type="date" value={x.activeTo} errors={props.errors} />
        <div class="field">
          <label for="f-photo">{t('catalog.photo')}</label>
          <input id="f-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp" />
        </div>
        <button class="btn primary" type="submit">{t('catalog.save')}</button>
        <a class="btn" href={`/clerk/catalog${q(props.communityId)}`}>{t('common.cancel')}</a>
      </form>
    </section>
  );
}

export function StockForm(props: { v: ViewCtx; action: string; values?: Record<string, string>; errors?: FieldErrors; id: string }) {
  const { t } = props.v;
  const x = props.values ?? {};
  return (
    <form method="post" action={props.action} id={props.id}>
      <Field t={t} name="delta" label={t('catalog.delta')} hint={t('catalog.deltaHint')} value={x.delta} errors={props.errors} inputmode="numeric" required />
      <div class="field">
        <label for={`${props.id}-reason`}>{t('catalog.reason')}</label>
        <select id={`${props.id}-reason`} name="reason">
          <option value="restock" selected={x.reason !== 'correction'}>{t('catalog.reason.restock')}</option>
          <option value="correction" selected={x.reason === 'correction'}>{t('catalog.reason.correction')}</option>
        </select>
      </div>
      <Field t={t} name="note" label={t('catalog.note')} value={x.note} errors={props.errors} maxlength={100} />
      <button class="btn" type="submit">{t('catalog.stockChange')}</button>
    </form>
  );
}

export function ItemAdminPage(props: { v: ViewCtx; communityId: number; page: CatalogItemPage; notice?: string; stock?: { sessionId?: number; values: Record<string, string>; errors: FieldErrors }; session?: { values: Record<string, string>; errors: FieldErrors } }) {
  const { v, page } = props;
  const { t } = v;
  const i = page.item;
  const base = `/clerk/catalog/${i.id}`;
  const sx = props.session?.values ?? {};
  return (
    <>
      <section class="card" id="catalog-item">
        <Notice text={props.notice} />
        <h1>{i.name} {!i.active && <span class="badge disabled">{t('catalog.inactive')}</span>}</h1>
        {i.photoKey && <img class="item-photo" src={`/rewards/photos/${i.id}`} alt={i.name} width="160" />}
        <dl class="facts">
          <dt>{t('catalog.price')}</dt>
          <dd>{i.price}</dd>
          {i.kind === 'goods' && (
            <>
              <dt>{t('catalog.stock')}</dt>
              <dd data-stock={i.stock}>{i.stock}</dd>
              <dt>{t('catalog.limit')}</dt>
              <dd>{i.monthlyLimit ?? '—'}</dd>
            </>
          )}
          <dt>{t('catalog.pickup')}</dt>
          <dd>{i.pickup || '—'}</dd>
          <dt>{t('catalog.activeFrom')}</dt>
          <dd>{i.activeFrom ? fmtDate(v, i.activeFrom) : '—'} – {i.activeTo ? fmtDate(v, i.activeTo) : '—'}</dd>
        </dl>
        <p>
          <a class="btn" href={`${base}/edit${q(props.communityId)}`}>{t('catalog.edit')}</a>{' '}
          {i.active ? (
            <a class="btn danger" href={`${base}/deactivate${q(props.communityId)}`}>{t('catalog.deactivate')}</a>
          ) : (
            <form method="post" action={`${base}/activate${q(props.communityId)}`} class="inline"><button class="btn" type="submit">{t('catalog.activate')}</button></form>
          )}
        </p>
        {i.kind === 'goods' && (
          <>
            <h2>{t('catalog.stockChange')}</h2>
            <StockForm v={v} id="stock-form" action={`${base}/stock${q(props.communityId)}`} values={props.stock?.values} errors={props.stock?.errors} />
          </>
        )}
      </section>
      {i.kind === 'course' && (
        <section class="card" id="catalog-sessions">
          <h2>{t('catalog.sessions')}</h2>
          <ul class="list">
            {page.sessions.map((s) => (
              <li data-session={s.id}>
                <p>
                  <a href={`/clerk/sessions/${s.id}${q(props.communityId)}`}>{fmtTime(v, s.startsAt)}–{fmtTime(v, s.endsAt).slice(-5)} · {s.place}</a>{' '}
                  <span class="muted">{t('catalog.booked', { n: s.seats - s.seatsLeft, seats: s.seats })}</span>
                </p>
                <details>
                  <summary>{t('catalog.seats')} · {t('catalog.stockChange')}</summary>
                  <StockForm v={v} id={`seats-${s.id}`} action={`${base}/sessions/${s.id}/seats${q(props.communityId)}`}
                    values={props.stock?.sessionId === s.id ? props.stock.values : undefined} errors={props.stock?.sessionId === s.id ? props.stock.errors : undefined} />
                </details>
              </li>
            ))}
          </ul>
          <h2>{t('catalog.newSession')}</h2>
          <form method="post" action={`${base}/sessions${q(props.communityId)}`} id="session-form">
            <Field t={t} name="date" label={t('catalog.date')} type="date" value={sx.date} errors={props.session?.errors} required />
            <Field t={t} name="start" label={t('catalog.start')} type="time" value={sx.start} errors={props.session?.errors} required />
            <Field t={t} name="end" label={t('catalog.end')} type="time" value={sx.end} errors={props.session?.errors} required />
            <Field t={t} name="place" label={t('catalog.place')} value={sx.place} errors={props.session?.errors} maxlength={60} required />
            <Field t={t} name="seats" label={t('catalog.seats')} value={sx.seats} errors={props.session?.errors} inputmode="numeric" required />
            <button class="btn primary" type="submit">{t('catalog.newSession')}</button>
          </form>
        </section>
      )}
      <section class="card" id="stock-history">
        <h2>{t('catalog.history')}</h2>
        <ul class="list">
          {page.history.map((h) => (
            <li data-change={h.delta}>
              {fmtTime(v, h.at)} · {t(h.reason === 'create' ? 'catalog.new' : `catalog.reason.${h.reason as 'restock' | 'correction'}`)} · {h.before} → {h.after}
              {h.note && ` · ${h.note}`}{h.by && ` · ${h.by}`}
            </li>
          ))}
        </ul>
        <p><a href={`/clerk/catalog${q(props.communityId)}`}>{t('catalog.title')}</a></p>
      </section>
    </>
  );
}

// One of my items: what I sent, the progress line, points earned, helpers (wishes), rating / reopen, and the public history.
import type { MySubmission } from '../../../src/domain/submissions/get-my-submission';
import type { Msg } from '../../../src/domain/errors';
import type { MessageKey } from '../../../src/i18n/messages';
import { Notice } from '../../components/confirm';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { RateBox, ReopenBox, type FormState } from './feedback-forms';
import { fmtTime, stars } from './format';
import { ItemHead } from './submissions';
import { History, ProgressSteps } from './timeline';
import { PhotoThumbs } from '../../components/photo-thumbs';

export interface DetailForms {
  rate?: FormState;
  reopen?: FormState;
}

export function SubmissionDetailPage(props: { v: ViewCtx; data: MySubmission; forms?: DetailForms; notice?: string; error?: Msg }) {
  const { v, data } = props;
  const { t } = v;
  const it = data.item;
  return (
    <>
      <p><a href="/me/submissions">{t('me.detail.back')}</a></p>
      <Notice text={props.notice} />
      <FormError t={t} error={props.error} />
      <section class="card">
        <ItemHead v={v} status={it.status} kind={it.kind} />
        <h1>{it.category}</h1>
        <p class="item-text">{it.description}</p>
        <PhotoThumbs photos={data.photos} alt={(n) => t('me.detail.photo', { n })} />
        <dl class="facts">
          <dt>{t('me.detail.trackingNo')}</dt>
          <dd class="mono">{it.trackingNo}</dd>
          <dt>{t('me.detail.submittedAt')}</dt>
          <dd>{fmtTime(v, it.createdAt)}</dd>
          <dt>{t('act.item.tier')}</dt>
          <dd data-tier={it.tier}>{t(`act.tier.${it.tier}` as MessageKey)}</dd>
          {it.place && (
            <>
              <dt>{t('me.detail.place')}</dt>
              <dd>{it.place}</dd>
            </>
          )}
          {data.helpers.length > 0 && (
            <>
              <dt>{t('me.detail.helpers')}</dt>
              <dd>
                {data.helpers
                  .map((h) => t(h.status === 'fulfilled' ? 'me.helper.fulfilled' : 'me.helper.accepted', { name: h.name ?? t('me.helper.someone') }))
                  .join('、')}
              </dd>
            </>
          )}
        </dl>
        {it.anonymous && <p class="muted">{t('me.detail.anonymous')}</p>}
        {it.publicWish && <p class="muted">{t('me.detail.publicWish')}</p>}
        {it.reopenCount > 0 && <p class="muted">{t('me.detail.reopened', { n: it.reopenCount })}</p>}
        <h2>{t('me.detail.progress')}</h2>
        <ProgressSteps v={v} steps={data.steps} />
      </section>
      {/* Points this item earned; nothing at all is drawn while the list is empty. */}
      {data.points.length > 0 && (
        <section class="card" id="points-earned">
          <h2>{t('me.detail.points')}</h2>
          <ul class="list">
            {data.points.map((p) => (
              <li class="row">
                <strong class="points">{t('me.detail.pointsEntry', { n: p.amount })}</strong>
                <a class="btn small" href={p.href}>{t('me.detail.pointsWhy')}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {it.rating !== null && (
        <section class="card" id="my-rating">
          <h2>{t('me.rate.yours')}</h2>
          <p class="stars-shown" aria-label={t('me.rate.star', { n: it.rating })}>{stars(it.rating)}</p>
          {it.ratingComment && <p class="item-text">{it.ratingComment}</p>}
        </section>
      )}
      {data.canRate && <RateBox v={v} trackingNo={it.trackingNo} state={props.forms?.rate} />}
      {data.canReopen && data.reopenUntil && <ReopenBox v={v} trackingNo={it.trackingNo} until={data.reopenUntil} state={props.forms?.reopen} />}
      <section class="card">
        <h2>{t('me.detail.history')}</h2>
        <History v={v} item={it} events={data.events} />
      </section>
    </>
  );
}

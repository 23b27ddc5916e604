// 报名帮忙: the wish again, an optional note for staff, and one button. Works without JavaScript; errors keep the note.
import type { Msg } from '../../../src/domain/errors';
import type { PublicWishDetail } from '../../../src/domain/wishes/get-public-wish';
import { OFFER_NOTE_MAX } from '../../../src/domain/wishes/offer-to-fulfil';
import { FormError, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { WishCard } from './wall';

export function OfferPage(props: { v: ViewCtx; wish: PublicWishDetail; note?: string; errors?: FieldErrors; formError?: Msg }) {
  const { v, wish } = props;
  const { t } = v;
  const url = `/wishes/${wish.id}/offer`;
  // Nothing to offer on (own wish, fulfilled, already offered): the card says why instead of the form.
  const canOffer = wish.state !== 'fulfilled' && !wish.mine && !wish.myOffer && v.user?.kind === 'resident';
  const err = props.errors?.note;
  return (
    <>
      <p><a href={`/wishes?c=${wish.communityId}`}>{t('wish.offer.back')}</a></p>
      <WishCard v={v} w={wish} action={!canOffer} />
      <section class="card" id="offer-box">
        <h1>{t('wish.offer.title')}</h1>
        <FormError t={t} error={props.formError} />
        {v.user?.kind === 'staff' && !props.formError && <p class="form-error">{t('wish.offer.staffOnly')}</p>}
        {canOffer && (
          <form method="post" action={url} novalidate>
            <p>{t('wish.offer.intro')}</p>
            <div class={err ? 'field has-error' : 'field'}>
              <label for="f-note">{t('wish.offer.note')}</label>
              <p class="hint" id="f-note-hint">{t('wish.offer.noteHint', { max: OFFER_NOTE_MAX })}</p>
              <textarea id="f-note" name="note" rows={3} maxlength={OFFER_NOTE_MAX} aria-describedby="f-note-hint" aria-invalid={err ? 'true' : undefined}>
                {props.note ?? ''}
              </textarea>
              {err && <p class="error" role="alert">{t(err.key, err.params)}</p>}
            </div>
            <button class="btn primary" type="submit">{t('wish.offer.submit')}</button>
          </form>
        )}
      </section>
    </>
  );
}

// The optional parts of the report form: photos (kept across round trips as drafts) and the browser location, asked only on a tap.
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ITEM, type PhotoView } from '../../../src/domain/photos/contract';
import type { Translate } from '../../../src/i18n/messages';
import type { FieldErrors } from '../../components/field';
import { ErrorLine } from './choices';

export function PhotoField(props: { t: Translate; photos: PhotoView[]; errors?: FieldErrors }) {
  const { t, photos } = props;
  const err = props.errors?.photos;
  const room = MAX_PHOTOS_PER_ITEM - photos.length;
  return (
    <div class={err ? 'field photos has-error' : 'field photos'}>
      <label for="f-photos">{t('report.photos.label')}</label>
      <p class="hint" id="f-photos-hint">{t('report.photos.hint', { max: MAX_PHOTOS_PER_ITEM, mb: MAX_PHOTO_BYTES / 1024 / 1024 })}</p>
      {photos.length > 0 && (
        <>
          <p>{t('report.photos.kept', { n: photos.length, max: MAX_PHOTOS_PER_ITEM })}</p>
          <ul class="thumbs">
            {photos.map((p, i) => (
              <li>
                <img src={p.thumbUrl} alt={t('report.photos.alt', { n: i + 1 })} width={p.width >= p.height ? 96 : Math.round((96 * p.width) / p.height)} height={p.height > p.width ? 96 : Math.round((96 * p.height) / p.width)} />
                {/* A submit button: removing a draft photo is a round trip that keeps everything else typed. */}
                <button class="btn" type="submit" name="removePhoto" value={String(p.id)} formnovalidate>{t('photo.remove')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {room > 0 && (
        <input id="f-photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          data-room={String(room)} data-too-many={t('report.photos.tooManyClient', { max: MAX_PHOTOS_PER_ITEM, n: '{n}' })}
          aria-describedby={err ? 'f-photos-hint f-photos-err' : 'f-photos-hint'} aria-invalid={err ? 'true' : undefined} />
      )}
      <p class="error" id="f-photos-client" role="alert" hidden></p>
      <ErrorLine t={t} id="f-photos-err" errors={props.errors} name="photos" />
    </div>
  );
}

/** Without the script there is no button: a location is only ever read when the resident asks for it. */
export function LocationField(props: { t: Translate; lat: string; lng: string; errors?: FieldErrors }) {
  const { t } = props;
  const has = props.lat !== '' && props.lng !== '';
  return (
    <div class={props.errors?.location ? 'field location has-error' : 'field location'} id="location" hidden={!has && !props.errors?.location}
      data-added={t('report.location.added')} data-failed={t('report.location.failed')}>
      <p class="label">{t('report.location.label')}</p>
      <p class="hint">{t('report.location.hint')}</p>
      <input type="hidden" name="lat" value={props.lat} />
      <input type="hidden" name="lng" value={props.lng} />
      <p class="location-status" role="status">{has ? `${t('report.location.added')} (${props.lat}, ${props.lng})` : ''}</p>
      <button class="btn" type="button" id="location-add" hidden={has}>{t('report.location.add')}</button>
      <button class="btn" type="button" id="location-clear" hidden={!has}>{t('report.location.clear')}</button>
      <ErrorLine t={t} id="f-location-err" errors={props.errors} name="location" />
    </div>
  );
}

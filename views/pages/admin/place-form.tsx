// Create/edit form for one place: key, name, kind, parent by key, grid, floors and units.
import type { Msg } from '../../../src/domain/errors';
import { PLACE_KINDS } from '../../../src/domain/places/place-rules';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Field, FormError, type FieldErrors } from '../../components/field';
import { SelectField } from '../../components/select';

export function PlaceFormPage(props: {
  v: ViewCtx;
  community: { id: number; name: string; code: string };
  place?: { id: number; parentId: number | null };
  grids: { id: number; code: string; name: string }[];
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props.v;
  const val = (k: string) => props.values[k] ?? '';
  const base = `/admin/c/${props.community.id}/places`;
  const action = props.place ? `/admin/places/${props.place.id}` : `${base}/new`;
  const back = props.place?.parentId ? `${base}?parent=${props.place.parentId}` : base;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="places" />
      <section class="card">
        <h1>{t(props.place ? 'adm.place.edit' : 'adm.place.new')}</h1>
        <form method="post" action={action} novalidate>
          <FormError t={t} error={props.formError} />
          <Field t={t} name="name" label={t('adm.place.name')} value={val('name')} errors={props.fields} maxlength={200} required />
          <SelectField t={t} name="kind" label={t('adm.place.kind')} value={val('kind') || 'building'} errors={props.fields}
            options={PLACE_KINDS.map((k) => ({ value: k, label: t(`place.kind.${k}`) }))} />
          <Field t={t} name="parent" label={t('adm.place.parent')} hint={t('adm.place.parentHint')} value={val('parent')} errors={props.fields} maxlength={64} autocomplete="off" />
          <Field t={t} name="key" label={t('adm.place.key')} hint={t('adm.place.keyHint')} value={val('key')} errors={props.fields} maxlength={64} autocomplete="off" />
          <SelectField t={t} name="grid" label={t('adm.place.grid')} value={val('grid')} errors={props.fields}
            options={[{ value: '', label: t('adm.place.noGrid') }, ...props.grids.map((g) => ({ value: g.code, label: `${g.name} (${g.code})` }))]} />
          <Field t={t} name="floors" label={t('adm.place.floors')} value={val('floors')} errors={props.fields} inputmode="numeric" maxlength={12} />
          <Field t={t} name="units" label={t('adm.place.units')} value={val('units')} errors={props.fields} inputmode="numeric" maxlength={12} />
          <button class="btn primary" type="submit">{t('common.save')}</button>
          <a class="btn" href={back}>{t('common.cancel')}</a>
        </form>
        {props.place && <p><a class="btn danger small" href={`/admin/places/${props.place.id}/delete`}>{t('adm.place.delete')}</a></p>}
      </section>
    </>
  );
}

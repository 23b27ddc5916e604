// One community's own facts: the fixed 12-digit code, and the name, district and population an admin may correct.
import type { Msg } from '../../../src/domain/errors';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';

export function CommunityPage(props: {
  v: ViewCtx;
  community: { id: number; name: string; code: string };
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
  notice?: string;
}) {
  const { t } = props.v;
  const val = (k: string) => props.values[k] ?? '';
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="community" />
      <Notice text={props.notice} />
      <section class="card">
        <h1>{t('adm.nav.community')}</h1>
        <dl class="facts">
          <dt>{t('adm.community.code')}</dt>
          <dd class="mono">{props.community.code}</dd>
        </dl>
        <p class="hint">{t('adm.community.codeHint')}</p>
        <form method="post" action={`/admin/c/${props.community.id}`} novalidate>
          <FormError t={t} error={props.formError} />
          <Field t={t} name="name" label={t('adm.community.name')} value={val('name')} errors={props.fields} maxlength={200} required />
          <Field t={t} name="district" label={t('adm.community.district')} value={val('district')} errors={props.fields} maxlength={300} />
          <Field t={t} name="population" label={t('adm.community.population')} value={val('population')} errors={props.fields} inputmode="numeric" maxlength={12} />
          <button class="btn primary" type="submit">{t('common.save')}</button>
        </form>
      </section>
    </>
  );
}

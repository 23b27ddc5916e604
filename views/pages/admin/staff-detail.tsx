// One staff account in one community: name, roles with their grids (set or remove), password reset, disable/enable.
import type { Msg } from '../../../src/domain/errors';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';
import { GridChecks } from '../../components/grid-checks';
import { SelectField } from '../../components/select';
import { roleOptions, roleText, type StaffRowView } from './staff';

export function StaffDetailPage(props: {
  v: ViewCtx;
  community: { id: number; name: string; code: string };
  staff: StaffRowView;
  grids: { id: number; code: string; name: string }[];
  /** Which form the errors belong to, so values and messages land in the right one. */
  failed?: { form: 'name' | 'role'; values: Record<string, string>; fields: FieldErrors; formError?: Msg };
  notice?: string;
  isSelf: boolean;
}) {
  const { t } = props.v;
  const s = props.staff;
  const base = `/admin/c/${props.community.id}/staff/${s.id}`;
  const nameFail = props.failed?.form === 'name' ? props.failed : undefined;
  const roleFail = props.failed?.form === 'role' ? props.failed : undefined;
  const checked = roleFail ? Object.keys(roleFail.values).filter((k) => /^g\.\d+$/.test(k)).map((k) => Number(k.slice(2))) : [];
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="staff" />
      <Notice text={props.notice} />
      <section class="card">
        <h1>
          {s.name} <span class="muted">{s.username}</span>
        </h1>
        {s.disabledAt && <p class="banner warn">{t('adm.staff.disabled')}</p>}
        <form method="post" action={base} novalidate>
          <FormError t={t} error={nameFail?.formError} />
          <Field t={t} name="name" label={t('adm.staff.name')} value={nameFail?.values.name ?? s.name} errors={nameFail?.fields} maxlength={200} required />
          <button class="btn" type="submit">{t('common.save')}</button>
        </form>
      </section>
      <section class="card">
        <h2>{t('adm.staff.roles')}</h2>
        <ul class="list">
          {s.roles.map((r) => (
            <li class="row">
              <span class="grow">{roleText(t, r)}</span>
              <a class="btn small" href={`${base}/roles/${r.role}/remove`}>{t('adm.staff.removeRole')}</a>
            </li>
          ))}
        </ul>
        <h2>{t('adm.staff.setRole')}</h2>
        <form method="post" action={`${base}/roles`} novalidate>
          <FormError t={t} error={roleFail?.formError} />
          <p class="hint">{t('adm.staff.setRoleHint')}</p>
          <SelectField t={t} name="role" label={t('adm.staff.role')} value={roleFail?.values.role ?? 'grid_worker'} errors={roleFail?.fields} options={roleOptions(t)} />
          <GridChecks t={t} grids={props.grids} checked={checked} label={t('adm.staff.scope')} hint={t('adm.staff.scopeHint')} error={roleFail?.fields.grids} />
          <button class="btn" type="submit">{t('common.save')}</button>
        </form>
      </section>
      {!props.isSelf && (
        <section class="card">
          <a class="btn" href={`/admin/staff/${s.id}/reset-password`}>{t('admin.resetPassword')}</a>
          {s.disabledAt ? (
            <a class="btn" href={`${base}/enable`}>{t('adm.staff.enable')}</a>
          ) : (
            <a class="btn danger" href={`${base}/disable`}>{t('adm.staff.disable')}</a>
          )}
        </section>
      )}
    </>
  );
}

// Staff accounts of one community: filterable list (#staff-list is the htmx partial) and the new-account form.
import { STAFF_ROLES, type StaffRole } from '../../../src/db/schema';
import type { Paged } from '../../../src/domain/communities/paging';
import type { Msg } from '../../../src/domain/errors';
import type { StaffRoleView } from '../../../src/domain/staff/community-staff';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';
import { GridChecks } from '../../components/grid-checks';
import { hxFilter, listHref, Pager } from '../../components/pager';
import { SelectField } from '../../components/select';
import type { Translate } from '../../../src/i18n/messages';

type Community = { id: number; name: string; code: string };
export interface StaffRowView {
  id: number;
  username: string;
  name: string;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  roles: StaffRoleView[];
}

export const roleText = (t: Translate, r: StaffRoleView) =>
  `${t(`role.${r.role}`)}(${r.grids ? r.grids.map((g) => g.name).join('、') : t('adm.staff.wholeCommunity')})`;

export function StaffList(props: { v: ViewCtx; community: Community; list: Paged<StaffRowView>; filter: { q: string; role: string } }) {
  const { t } = props.v;
  const { list, filter } = props;
  const base = `/admin/c/${props.community.id}/staff`;
  return (
    <div id="staff-list">
      {list.rows.length === 0 ? (
        <p class="empty">{t(filter.q || filter.role ? 'adm.staff.noMatch' : 'adm.staff.empty')}</p>
      ) : (
        <ul class="list">
          {list.rows.map((s) => (
            <li>
              <a href={`${base}/${s.id}`} data-username={s.username}>
                <strong>
                  {s.name} <span class="muted">{s.username}</span>
                  {s.disabledAt && <span class="tag">{t('adm.staff.disabled')}</span>}
                  {s.mustChangePassword && <span class="tag">{t('adm.staff.mustChange')}</span>}
                </strong>
                <span class="muted">{s.roles.map((r) => roleText(t, r)).join(';')}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <Pager t={t} page={list.page} pages={list.pages} total={list.total} href={(page) => listHref(base, { ...filter, page })} />
    </div>
  );
}

export function StaffPage(props: { v: ViewCtx; community: Community; list: Paged<StaffRowView>; filter: { q: string; role: string }; notice?: string }) {
  const { t } = props.v;
  const base = `/admin/c/${props.community.id}/staff`;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="staff" />
      <Notice text={props.notice} />
      <section class="card">
        <div class="head">
          <h1>{t('adm.nav.staff')}</h1>
          <a class="btn small" href={`${base}/new`}>{t('adm.staff.new')}</a>
        </div>
        <form class="filters" method="get" action={base} role="search" {...hxFilter(base, '#staff-list')}>
          <input type="search" name="q" value={props.filter.q} aria-label={t('adm.staff.searchHint')} placeholder={t('adm.staff.searchHint')} maxlength={64} />
          <select name="role" aria-label={t('adm.staff.role')}>
            <option value="">{t('adm.staff.allRoles')}</option>
            {STAFF_ROLES.map((r) => <option value={r} selected={props.filter.role === r}>{t(`role.${r}`)}</option>)}
          </select>
          <button class="btn small" type="submit">{t('adm.filter')}</button>
        </form>
        <StaffList {...props} />
      </section>
    </>
  );
}

export const roleOptions = (t: Translate) => STAFF_ROLES.map((r: StaffRole) => ({ value: r, label: t(`role.${r}`) }));

export function NewStaffPage(props: {
  v: ViewCtx;
  community: Community;
  grids: { id: number; code: string; name: string }[];
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props.v;
  const base = `/admin/c/${props.community.id}/staff`;
  const checked = Object.keys(props.values).filter((k) => /^g\.\d+$/.test(k)).map((k) => Number(k.slice(2)));
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="staff" />
      <section class="card">
        <h1>{t('adm.staff.new')}</h1>
        <form method="post" action={`${base}/new`} novalidate>
          <FormError t={t} error={props.formError} />
          <Field t={t} name="username" label={t('adm.staff.username')} hint={t('adm.staff.usernameHint')} value={props.values.username} errors={props.fields} maxlength={64} autocomplete="off" required />
          <Field t={t} name="name" label={t('adm.staff.name')} value={props.values.name} errors={props.fields} maxlength={200} required />
          <SelectField t={t} name="role" label={t('adm.staff.role')} value={props.values.role || 'grid_worker'} errors={props.fields} options={roleOptions(t)} />
          <GridChecks t={t} grids={props.grids} checked={checked} label={t('adm.staff.scope')} hint={t('adm.staff.scopeHint')} error={props.fields?.grids} />
          <button class="btn primary" type="submit">{t('common.save')}</button>
          <a class="btn" href={base}>{t('common.cancel')}</a>
        </form>
      </section>
    </>
  );
}

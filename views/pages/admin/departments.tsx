// Departments of one community (网格吹哨、部门报到): list with active state, create/edit form. Deactivating asks first (own page).
import type { Msg } from '../../../src/domain/errors';
import type { DepartmentRow } from '../../../src/domain/departments/list-community-departments';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';

type Community = { id: number; name: string };

export function DepartmentsPage(props: { v: ViewCtx; community: Community; rows: DepartmentRow[]; notice?: string }) {
  const { t } = props.v;
  const base = `/admin/c/${props.community.id}/departments`;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="departments" />
      <Notice text={props.notice} />
      <section class="card">
        <div class="head">
          <h1>{t('adm.nav.departments')}</h1>
          <a class="btn small" href={`${base}/new`}>{t('cq.dept.new')}</a>
        </div>
        <p class="muted">{t('cq.dept.intro')}</p>
        {props.rows.length === 0 ? (
          <p class="empty">{t('cq.dept.empty')}</p>
        ) : (
          <ul class="list">
            {props.rows.map((d) => (
              <li class="row" data-department={d.name}>
                <span class="grow">
                  <strong>{d.name}</strong>
                  {!d.active && <span class="tag">{t('cq.inactive')}</span>}
                  {d.contact && <span class="muted"> · {d.contact}</span>}
                </span>
                <span class="btns">
                  <a class="btn small" href={`/admin/departments/${d.id}`} aria-label={t('cq.editNamed', { name: d.name })}>{t('cq.edit')}</a>
                  {d.active ? (
                    <a class="btn small danger" href={`/admin/departments/${d.id}/deactivate`} aria-label={t('cq.deactivateNamed', { name: d.name })}>{t('cq.deactivate')}</a>
                  ) : (
                    <form method="post" action={`/admin/departments/${d.id}/activate`}>
                      <button class="btn small" type="submit" aria-label={t('cq.activateNamed', { name: d.name })}>{t('cq.activate')}</button>
                    </form>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function DepartmentFormPage(props: {
  v: ViewCtx;
  community: Community;
  department?: { id: number };
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props.v;
  const action = props.department ? `/admin/departments/${props.department.id}` : `/admin/c/${props.community.id}/departments/new`;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="departments" />
      <section class="card">
        <h1>{t(props.department ? 'cq.dept.edit' : 'cq.dept.new')}</h1>
        <form method="post" action={action} novalidate>
          <FormError t={t} error={props.formError} />
          <Field t={t} name="name" label={t('cq.dept.name')} hint={t('cq.dept.nameHint')} value={props.values.name ?? ''} errors={props.fields} maxlength={40} required />
          <Field t={t} name="contact" label={t('cq.dept.contact')} hint={t('cq.dept.contactHint')} value={props.values.contact ?? ''} errors={props.fields} maxlength={100} />
          <button class="btn primary" type="submit">{t('common.save')}</button>
          <a class="btn" href={`/admin/c/${props.community.id}/departments`}>{t('common.cancel')}</a>
        </form>
      </section>
    </>
  );
}

// Grids of one community: filterable list (the #grid-list partial is what htmx swaps) and the create/edit form.
import type { Msg } from '../../../src/domain/errors';
import type { Paged } from '../../../src/domain/communities/paging';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';
import { hxFilter, listHref, Pager } from '../../components/pager';
import { SelectField } from '../../components/select';

type Community = { id: number; name: string; code: string };
export interface GridRow {
  id: number;
  code: string;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
  places: number;
}
export interface GridFilterView {
  q: string;
  kind: string;
}

export function GridList(props: { v: ViewCtx; community: Community; list: Paged<GridRow>; filter: GridFilterView }) {
  const { t } = props.v;
  const { list, filter } = props;
  const base = `/admin/c/${props.community.id}/grids`;
  const filtered = Boolean(filter.q || filter.kind);
  return (
    <div id="grid-list">
      {list.rows.length === 0 ? (
        <p class="empty">{t(filtered ? 'adm.grid.noMatch' : 'adm.grid.empty')}</p>
      ) : (
        <ul class="list">
          {list.rows.map((g) => (
            <li>
              <a href={`/admin/grids/${g.id}`} data-grid-code={g.code}>
                <strong>{g.name}</strong>
                <span class="muted mono">{g.code}</span>
                <span class="muted">
                  {t(`grid.kind.${g.kind}`)} · {t('staff.households', { n: g.households })} · {t('adm.grid.placeCount', { n: g.places })}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <Pager t={t} page={list.page} pages={list.pages} total={list.total} href={(page) => listHref(base, { ...filter, page })} />
    </div>
  );
}

export function GridsPage(props: { v: ViewCtx; community: Community; list: Paged<GridRow>; filter: GridFilterView; notice?: string }) {
  const { t } = props.v;
  const base = `/admin/c/${props.community.id}/grids`;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="grids" />
      <Notice text={props.notice} />
      <section class="card">
        <div class="head">
          <h1>{t('adm.nav.grids')}</h1>
          <a class="btn small" href={`${base}/new`}>{t('adm.grid.new')}</a>
        </div>
        <form class="filters" method="get" action={base} role="search" {...hxFilter(base, '#grid-list')}>
          <input type="search" name="q" value={props.filter.q} aria-label={t('adm.grid.searchHint')} placeholder={t('adm.grid.searchHint')} maxlength={64} />
          <select name="kind" aria-label={t('adm.grid.kind')}>
            <option value="">{t('adm.grid.allKinds')}</option>
            {(['comprehensive', 'dedicated'] as const).map((k) => (
              <option value={k} selected={props.filter.kind === k}>{t(`grid.kind.${k}`)}</option>
            ))}
          </select>
          <button class="btn small" type="submit">{t('adm.filter')}</button>
        </form>
        <GridList {...props} />
      </section>
    </>
  );
}

export function GridFormPage(props: {
  v: ViewCtx;
  community: Community;
  grid?: { id: number };
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props.v;
  const action = props.grid ? `/admin/grids/${props.grid.id}` : `/admin/c/${props.community.id}/grids/new`;
  const val = (k: string) => props.values[k] ?? '';
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="grids" />
      <section class="card">
        <h1>{t(props.grid ? 'adm.grid.edit' : 'adm.grid.new')}</h1>
        <form method="post" action={action} novalidate>
          <FormError t={t} error={props.formError} />
          <Field t={t} name="code" label={t('adm.grid.code')} hint={t('adm.grid.codeHint', { prefix: props.community.code })} value={val('code') || (props.grid ? '' : props.community.code)} errors={props.fields} inputmode="numeric" maxlength={32} required />
          <Field t={t} name="name" label={t('adm.grid.name')} value={val('name')} errors={props.fields} maxlength={200} required />
          <SelectField t={t} name="kind" label={t('adm.grid.kind')} value={val('kind') || 'comprehensive'} errors={props.fields}
            options={(['comprehensive', 'dedicated'] as const).map((k) => ({ value: k, label: t(`grid.kind.${k}`) }))} />
          <Field t={t} name="households" label={t('adm.grid.households')} hint={t('adm.grid.householdsHint')} value={val('households')} errors={props.fields} inputmode="numeric" maxlength={12} />
          <button class="btn primary" type="submit">{t('common.save')}</button>
          <a class="btn" href={`/admin/c/${props.community.id}/grids`}>{t('common.cancel')}</a>
        </form>
        {props.grid && (
          <p><a class="btn danger small" href={`/admin/grids/${props.grid.id}/delete`}>{t('adm.grid.delete')}</a></p>
        )}
      </section>
    </>
  );
}

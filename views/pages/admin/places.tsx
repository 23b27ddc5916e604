// The place tree, one level at a time with a breadcrumb (or a flat list when filtering); #place-list is the htmx partial.
import type { Paged } from '../../../src/domain/communities/paging';
import type { PlaceKind } from '../../../src/domain/places/place-rules';
import { PLACE_KINDS } from '../../../src/domain/places/place-rules';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { hxFilter, listHref, Pager } from '../../components/pager';

type Community = { id: number; name: string; code: string };
export interface PlaceRowView {
  id: number;
  key: string | null;
  name: string;
  kind: PlaceKind;
  gridCode: string | null;
  gridName: string | null;
  parentName: string | null;
  floors: number | null;
  units: number | null;
  children: number;
}
export interface PlaceFilterView {
  parent: number | null;
  q: string;
  kind: string;
  grid: string;
}
type Listing = Paged<PlaceRowView> & { searching: boolean; trail: { id: number; name: string }[] };

export function PlaceList(props: { v: ViewCtx; community: Community; list: Listing; filter: PlaceFilterView }) {
  const { t } = props.v;
  const { list, filter } = props;
  const base = `/admin/c/${props.community.id}/places`;
  return (
    <div id="place-list">
      {list.rows.length === 0 ? (
        <p class="empty">{t(list.searching ? 'adm.place.noMatch' : 'adm.place.empty')}</p>
      ) : (
        <ul class="list">
          {list.rows.map((p) => {
            const canHold = p.kind === 'courtyard' || p.kind === 'building';
            const meta = [t(`place.kind.${p.kind}`), p.key, p.gridName, p.floors ? `${p.floors}F` : null].filter(Boolean).join(' · ');
            return (
              <li class="row" data-place-key={p.key ?? ''}>
                <span class="grow">
                  {canHold || p.children ? <a href={listHref(base, { parent: p.id })}><strong>{p.name}</strong></a> : <strong>{p.name}</strong>}
                  <br />
                  <span class="muted">{meta}</span>
                  {list.searching && p.parentName && <span class="muted"> · {t('adm.place.in', { name: p.parentName })}</span>}
                  {p.children > 0 && <span class="muted"> · {t('adm.place.children', { n: p.children })}</span>}
                </span>
                <a class="btn small" href={`/admin/places/${p.id}`}>{t('adm.edit')}</a>
              </li>
            );
          })}
        </ul>
      )}
      <Pager t={t} page={list.page} pages={list.pages} total={list.total} href={(page) => listHref(base, { ...filter, page })} />
    </div>
  );
}

export function PlacesPage(props: {
  v: ViewCtx;
  community: Community;
  list: Listing;
  filter: PlaceFilterView;
  grids: { id: number; code: string; name: string }[];
  notice?: string;
}) {
  const { t } = props.v;
  const { filter, list } = props;
  const base = `/admin/c/${props.community.id}/places`;
  const here = list.trail.at(-1);
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="places" />
      <Notice text={props.notice} />
      <section class="card">
        <div class="head">
          <h1>{here ? here.name : t('adm.nav.places')}</h1>
          <a class="btn small" href={listHref(`${base}/new`, { parent: here?.id })}>{t(here ? 'adm.place.newChild' : 'adm.place.new')}</a>
        </div>
        {list.trail.length > 0 && (
          <nav class="crumbs" aria-label="breadcrumb">
            <a href={base}>{t('adm.place.top')}</a>
            {list.trail.map((p, i) => (
              <>
                {' › '}
                {i === list.trail.length - 1 ? <span aria-current="page">{p.name}</span> : <a href={listHref(base, { parent: p.id })}>{p.name}</a>}
              </>
            ))}
            {' · '}
            <a href={`/admin/places/${here!.id}`}>{t('adm.edit')}</a>
          </nav>
        )}
        <form class="filters" method="get" action={base} role="search" {...hxFilter(base, '#place-list')}>
          <input type="search" name="q" value={filter.q} aria-label={t('adm.place.searchHint')} placeholder={t('adm.place.searchHint')} maxlength={64} />
          <select name="kind" aria-label={t('adm.place.kind')}>
            <option value="">{t('adm.place.allKinds')}</option>
            {PLACE_KINDS.map((k) => <option value={k} selected={filter.kind === k}>{t(`place.kind.${k}`)}</option>)}
          </select>
          <select name="grid" aria-label={t('adm.place.grid')}>
            <option value="">{t('adm.place.allGrids')}</option>
            {props.grids.map((g) => <option value={String(g.id)} selected={filter.grid === String(g.id)}>{g.name}</option>)}
          </select>
          <button class="btn small" type="submit">{t('adm.filter')}</button>
        </form>
        <PlaceList v={props.v} community={props.community} list={list} filter={filter} />
      </section>
    </>
  );
}

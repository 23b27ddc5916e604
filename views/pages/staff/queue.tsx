// The staff work queue (/staff/queue) and the police view (/staff/police): filter form, status tabs with counts, item rows.
// #queue-list is the one htmx target: the filter form swaps it and pushes the URL; without JavaScript the form just submits.
import type { QueueFilter, StatusTab } from '../../../src/domain/console/queue-filter';
import { filterParams, QUEUE_SEARCH_MAX, STATUS_TABS } from '../../../src/domain/console/queue-filter';
import type { QueuePage, QueueRow } from '../../../src/domain/console/list-queue';
import { hxFilter, listHref, Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';

export interface QueueScreen {
  base: '/staff/queue' | '/staff/police';
  filter: QueueFilter;
  data: QueuePage;
}

const hxLink = (href: string) => ({ 'hx-get': href, 'hx-target': '#queue-list', 'hx-swap': 'outerHTML', 'hx-push-url': 'true' });

function tabLabel(v: ViewCtx, tab: StatusTab) {
  return tab === 'open' ? v.t('cq.tab.open') : tab === 'all' ? v.t('cq.tab.all') : v.t(`status.${tab}`);
}

function Row(props: { v: ViewCtx; r: QueueRow }) {
  const { v, r } = props;
  const { t } = v;
  const where = [r.placeName, r.gridName].filter(Boolean).join(' · ');
  return (
    <li data-item={r.trackingNo} class={r.overdue ? 'overdue' : undefined}>
      <a href={`/staff/items/${r.id}`}>
        <span class="item-head">
          <strong class="mono">{r.trackingNo}</strong>
          <span class={`badge st st-${r.status}`}>{t(`status.${r.status}`)}</span>
          {r.policeRelated && <span class="badge police">{t('cq.police')}</span>}
          <span class={`badge tier tier-${r.tier}`}>{t(`cq.tier.${r.tier as 1 | 2 | 3}`)}</span>
        </span>
        <span>{t(`kind.${r.kind}`)} · {r.categoryLabel}</span>
        {where && <span class="muted">{where}</span>}
        <span class={r.overdue ? 'due overdue' : 'due muted'}>
          {r.slaDueAt ? t(r.overdue ? 'cq.dueOverdue' : 'cq.due', { time: fmtTime(v, r.slaDueAt) }) : t('cq.noDue')}
        </span>
        <span class="muted">
          {r.assigneeName ? t(r.assignedToMe ? 'cq.assignedMe' : 'cq.assignedTo', { name: r.assigneeName }) : t('cq.unassigned')}
          {' · '}
          {r.authorName ? t('cq.author', { name: r.authorName }) : t('cq.anonymous')}
        </span>
      </a>
    </li>
  );
}

/** The swapped part: status tabs (with counts), rows, pager — and the status the filter form submits next. */
export function QueueList(props: { v: ViewCtx; s: QueueScreen }) {
  const { v } = props;
  const { t } = v;
  const { base, filter: f, data } = props.s;
  const params = filterParams(f);
  const filtered = Boolean(f.kind || f.category || f.grid !== null || f.police || f.overdue || f.tier || f.assigned || f.q);
  const tabs = STATUS_TABS.filter((tab) => tab === 'open' || tab === 'all' || tab === f.status || (data.counts[tab] ?? 0) > 0);
  return (
    <div id="queue-list">
      <input type="hidden" name="status" value={f.status === 'open' ? '' : f.status} form="queue-filter" />
      <nav class="tabs" aria-label={t('cq.tabs')}>
        {tabs.map((tab) => {
          const href = listHref(base, { ...params, status: tab === 'open' ? null : tab, page: 1 });
          return (
            <a href={href} {...hxLink(href)} class={tab === f.status ? 'tab on' : 'tab'} aria-current={tab === f.status ? 'page' : undefined} data-tab={tab}>
              {tabLabel(v, tab)}
              <span class="n">{data.counts[tab] ?? 0}</span>
            </a>
          );
        })}
      </nav>
      {data.rows.length === 0 ? (
        <div class="empty" role="status">
          <p>{f.q ? t('cq.search.none', { q: f.q }) : t(filtered ? 'cq.empty.filtered' : f.status === 'open' ? 'cq.empty.open' : 'cq.empty.status')}</p>
          {f.q && <a class="btn small" href={listHref(base, { ...params, q: null, page: 1 })}>{t('cq.search.clear')}</a>}
          {filtered && <a class="btn small" href={listHref(base, { status: params.status })}>{t('cq.clear')}</a>}
          {!filtered && f.status === 'open' && <p class="muted">{t('cq.empty.openHow')}</p>}
        </div>
      ) : (
        <ul class="list items queue">
          {data.rows.map((r) => <Row v={v} r={r} />)}
        </ul>
      )}
      <Pager t={t} page={data.page} pages={data.pages} total={data.total} href={(page) => listHref(base, { ...params, page })} />
    </div>
  );
}

function Select(props: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label class="qf">
      <span>{props.label}</span>
      <select name={props.name}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

export function QueuePage(props: { v: ViewCtx; s: QueueScreen }) {
  const { v } = props;
  const { t } = v;
  const { base, filter: f, data } = props.s;
  const police = base === '/staff/police';
  const active = [f.kind, f.category, f.grid !== null, f.tier, f.assigned, f.police, f.overdue].filter(Boolean).length;
  return (
    <section class="card queue-page">
      <div class="head">
        <h1>{t(police ? 'cq.police.title' : 'cq.title')}</h1>
        {police ? <a class="btn small" href="/staff/queue">{t('cq.title')}</a> : v.user?.roles.includes('police') && <a class="btn small" href="/staff/police">{t('cq.police.title')}</a>}
      </div>
      <p class="muted">{t(police ? 'cq.police.intro' : 'cq.intro')}</p>
      {/* One box for a tracking number told on the phone or words of the text; part of the filter form (form=…). */}
      <div class="queue-search" role="search" aria-label={t('cq.search')}>
        <label for="queue-q">{t('cq.search')}</label>
        <div class="row">
          <input id="queue-q" type="search" name="q" form="queue-filter" value={f.q} maxlength={QUEUE_SEARCH_MAX} placeholder={t('cq.search.hint')} enterkeyhint="search" autocomplete="off" />
          <button class="btn small" type="submit" form="queue-filter">{t('cq.search.go')}</button>
        </div>
      </div>
      {/* Folded on phones so the list is in view; open while any filter is set. Works without JavaScript. */}
      <details class="filter-box" open={active > 0}>
        <summary>{active ? t('cq.filtersActive', { n: active }) : t('cq.filters')}</summary>
      <form id="queue-filter" class="queue-filters" method="get" action={base} role="search" aria-label={t('cq.filters')} {...hxFilter(base, '#queue-list')} hx-trigger="submit, change">
        <Select name="kind" label={t('cq.f.kind')} value={f.kind} options={[{ value: '', label: t('cq.any') }, { value: 'tip', label: t('kind.tip') }, { value: 'wish', label: t('kind.wish') }]} />
        <Select name="category" label={t('cq.f.category')} value={f.category}
          options={[{ value: '', label: t('cq.any') }, ...data.options.categories.map((c) => ({ value: c.key, label: c.label }))]} />
        <Select name="grid" label={t('cq.f.grid')} value={f.grid === null ? '' : String(f.grid)}
          options={[{ value: '', label: t('cq.any') }, ...data.options.grids.map((g) => ({ value: String(g.id), label: g.name }))]} />
        <Select name="tier" label={t('cq.f.tier')} value={f.tier ? String(f.tier) : ''}
          options={[{ value: '', label: t('cq.any') }, ...([1, 2, 3] as const).map((n) => ({ value: String(n), label: t(`cq.tier.${n}`) }))]} />
        <Select name="assigned" label={t('cq.f.assigned')} value={f.assigned}
          options={[{ value: '', label: t('cq.any') }, { value: 'me', label: t('cq.f.mine') }, { value: 'none', label: t('cq.f.unassigned') }]} />
        <div class="qf-checks">
          <label class="check"><input type="checkbox" name="police" value="1" checked={f.police} /> {t('cq.f.police')}</label>
          <label class="check"><input type="checkbox" name="overdue" value="1" checked={f.overdue} /> {t('cq.f.overdue')}</label>
        </div>
        <div class="qf-buttons">
          <button class="btn small" type="submit">{t('cq.apply')}</button>
          <a class="btn small" href={base}>{t('cq.reset')}</a>
        </div>
      </form>
      </details>
      <QueueList v={v} s={props.s} />
    </section>
  );
}

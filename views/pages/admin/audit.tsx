// The audit log of one community: search by actor, action, target and dates; who did what to which record, and when,
// with before/after shown field by field (changed fields marked) rather than as raw JSON.
import type { AuditFilter, AuditRow } from '../../../src/domain/audit/search-audit';
import type { Paged } from '../../../src/domain/communities/paging';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Field, type FieldErrors } from '../../components/field';
import { hxFilter, listHref, Pager } from '../../components/pager';
import { fmtTime } from '../me/format';

type Community = { id: number; name: string };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown) => (x === undefined ? '—' : typeof x === 'string' ? x : JSON.stringify(x));

function Change(props: { v: ViewCtx; before: unknown; after: unknown }) {
  const { t } = props.v;
  const { before, after } = props;
  if (before == null && after == null) return null;
  if ((before == null || isRecord(before)) && (after == null || isRecord(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return (
      <div class="table-wrap">
        <table class="table audit-diff">
          <thead>
            <tr><th scope="col">{t('cq.audit.field')}</th><th scope="col">{t('cq.audit.before')}</th><th scope="col">{t('cq.audit.after')}</th></tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const changed = JSON.stringify(b[k]) !== JSON.stringify(a[k]);
              return (
                <tr class={changed ? 'changed' : undefined}>
                  <th scope="row">{k}</th>
                  <td>{before == null ? '' : show(b[k])}</td>
                  <td>{after == null ? '' : show(a[k])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <dl class="facts">
      <dt>{t('cq.audit.before')}</dt><dd><pre class="json">{JSON.stringify(before, null, 2)}</pre></dd>
      <dt>{t('cq.audit.after')}</dt><dd><pre class="json">{JSON.stringify(after, null, 2)}</pre></dd>
    </dl>
  );
}

export function AuditList(props: { v: ViewCtx; community: Community; list: Paged<AuditRow>; filter: AuditFilter; filtered: boolean }) {
  const { v, list } = props;
  const { t } = v;
  const base = `/admin/c/${props.community.id}/audit`;
  const { page: _page, ...params } = props.filter;
  return (
    <div id="audit-list">
      {list.rows.length === 0 ? (
        <p class="empty">{t(props.filtered ? 'cq.audit.noMatch' : 'cq.audit.empty')}</p>
      ) : (
        <ul class="list audit">
          {list.rows.map((r) => (
            <li data-audit={r.action}>
              <p class="item-head">
                <strong class="mono">{r.action}</strong>
                <span class="muted mono">{r.targetId ? `${r.targetType} #${r.targetId}` : r.targetType}</span>
              </p>
              <p class="muted">
                {r.actorUsername ? t('cq.audit.by', { name: r.actorName ?? '', username: r.actorUsername }) : t('cq.audit.system')} · <time datetime={r.at.toISOString()}>{fmtTime(v, r.at)}</time>
              </p>
              {(r.before != null || r.after != null) && (
                <details>
                  <summary>{t('cq.audit.details')}</summary>
                  <Change v={v} before={r.before} after={r.after} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager t={t} page={list.page} pages={list.pages} total={list.total} href={(page) => listHref(base, { ...params, page })} />
    </div>
  );
}

export function AuditPage(props: {
  v: ViewCtx;
  community: Community;
  list: Paged<AuditRow> | null;
  filter: AuditFilter;
  fields?: FieldErrors;
}) {
  const { v, filter: f } = props;
  const { t } = v;
  const base = `/admin/c/${props.community.id}/audit`;
  const filtered = Boolean(f.actor || f.action || f.target || f.from || f.to);
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="audit" />
      <section class="card">
        <h1>{t('adm.nav.audit')}</h1>
        <p class="muted">{t('cq.audit.intro')}</p>
        <form class="audit-filters" method="get" action={base} role="search" novalidate {...hxFilter(base, '#audit-list')}>
          <Field t={t} name="actor" label={t('cq.audit.actor')} hint={t('cq.audit.actorHint')} value={f.actor} maxlength={64} />
          <Field t={t} name="action" label={t('cq.audit.action')} hint={t('cq.audit.actionHint')} value={f.action} maxlength={64} />
          <Field t={t} name="target" label={t('cq.audit.target')} hint={t('cq.audit.targetHint')} value={f.target} maxlength={64} />
          <div class="dates">
            <Field t={t} name="from" type="date" label={t('cq.audit.from')} value={f.from} errors={props.fields} />
            <Field t={t} name="to" type="date" label={t('cq.audit.to')} value={f.to} errors={props.fields} />
          </div>
          <button class="btn small" type="submit">{t('cq.audit.search')}</button>
          {filtered && <a class="btn small" href={base}>{t('cq.reset')}</a>}
        </form>
        {props.list ? <AuditList v={v} community={props.community} list={props.list} filter={f} filtered={filtered} /> : <div id="audit-list" />}
      </section>
    </>
  );
}

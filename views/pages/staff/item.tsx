// /staff/items/:id: one item with everything staff need to handle it, its history (public vs internal marked), and the
// actions the viewer may take. The whole page body is one htmx target (#item-page) so actions re-render it in place.
import type { Msg } from '../../../src/domain/errors';
import type { StaffItem } from '../../../src/domain/console/get-item-for-staff';
import type { BulkResult } from '../../../src/domain/console/bulk-answer';
import type { MessageKey } from '../../../src/i18n/messages';
import { Notice } from '../../components/confirm';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';
import { ItemHead } from '../me/submissions';
import { ActionForm, actionUrl, DecisionForms, ReplyBox, TextArea, type ItemForms } from './item-forms';
import { PhotoThumbs } from '../../components/photo-thumbs';

export interface ItemPageProps {
  v: ViewCtx;
  data: StaffItem;
  forms?: ItemForms;
  notice?: string;
  error?: Msg;
  templateId?: string;
  templateBody?: string;
  policeView: boolean;
  now: Date;
}

const pct = (x: number | null | undefined) => String(Math.round((x ?? 0) * 100));
const LINKS = ['accept', 'duplicate', 'escalate', 'mediate'] as const;

function Facts(props: { v: ViewCtx; data: StaffItem; now: Date }) {
  const { v } = props;
  const { t } = v;
  const it = props.data.item;
  const overdue = it.slaDueAt && !['resolved', 'rejected', 'duplicate'].includes(it.status) && it.slaDueAt < props.now;
  const row = (label: string, value: unknown, cls?: string) => (
    <>
      <dt>{label}</dt>
      <dd class={cls}>{value}</dd>
    </>
  );
  return (
    <dl class="facts">
      {row(t('ci.trackingNo'), it.trackingNo, 'mono')}
      {row(t('ci.submittedAt'), fmtTime(v, it.createdAt))}
      {it.slaDueAt && row(t('ci.slaDue'), <>{fmtTime(v, it.slaDueAt)}{overdue && <span class="tag">{t('ci.overdue')}</span>}</>)}
      {it.place && row(t('ci.place'), it.place)}
      {it.grid && row(t('ci.grid'), it.grid.name)}
      {it.location && row(t('ci.location'), t('ci.locationMap', { lat: it.location.lat.toFixed(5), lng: it.location.lng.toFixed(5) }), 'mono')}
      {row(
        t('ci.author'),
        it.author ? (
          <>
            {it.author.name || t('ci.ev.resident')}
            {it.author.phone && <> · <a href={`tel:${it.author.phone}`} class="mono">{it.author.phone}</a></>}
          </>
        ) : (
          <strong data-anonymous="1">{t('ci.anonymous')}</strong>
        ),
      )}
      {it.author && row(t('ci.contactPref'), t(`ci.contact.${it.author.contactPref}`))}
      {row(t('ci.assignee'), it.assignee ? it.assignee.name : <span class="muted">{t('ci.unassigned')}</span>)}
      {it.suggestedPoints !== null && row(t('ci.suggestedPoints'), t('ci.pointsN', { n: it.suggestedPoints }))}
      {it.autoRefusal && row(t('ci.autoRefusal'), it.autoRefusal)}
      {it.rating !== null && row(t('ci.rating'), `${'★'.repeat(it.rating)}${it.ratingComment ? ` ${it.ratingComment}` : ''}`)}
    </dl>
  );
}

/** The grid's workers and leaders (name, role), so a worker who is not the right one knows whom to call or assign. */
function GridTeam(props: { v: ViewCtx; data: StaffItem }) {
  const { v, data } = props;
  const { t } = v;
  const team = data.gridTeam;
  return (
    <section class="card" id="grid-team">
      <h2>{t('team.title')}</h2>
      {team === null ? (
        <p class="muted">{t('team.noGrid')}</p>
      ) : team.length === 0 ? (
        <p class="muted">{t('team.none')}</p>
      ) : (
        <ul class="list team">
          {team.map((m) => (
            <li data-team-member={String(m.userId)}>
              <strong>{m.name}</strong>
              {m.you && t('team.you')}
              <span class="muted">
                {' · '}
                {m.roles.map((r) => t(`role.${r}`)).join('、')}
                {m.wholeCommunity && ` · ${t('team.wholeCommunity')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Assign options: the grid's team first (marked), then everyone else who covers the item. */
export function assignOptions(data: Pick<StaffItem, 'staff' | 'gridTeam'>): { id: number; name: string; team: boolean }[] {
  const team = new Map((data.gridTeam ?? []).map((m, i) => [m.userId, i]));
  const withTeam = data.staff.map((s) => ({ ...s, team: team.has(s.id) }));
  return [...withTeam.filter((s) => s.team).sort((a, b) => team.get(a.id)! - team.get(b.id)!), ...withTeam.filter((s) => !s.team)];
}

function HandleCard(props: { v: ViewCtx; data: StaffItem; forms: ItemForms }) {
  const { v, data, forms } = props;
  const { t } = v;
  const it = data.item;
  const a = data.actions;
  const links = LINKS.filter((l) => a.has(l));
  if (!links.length && !a.has('claim') && !a.has('assign')) return null;
  return (
    <section class="card" id="handle">
      <h2>{t('ci.actions')}</h2>
      {links.length > 0 && (
        <div class="actions">
          {links.map((l) => <a class="btn" href={actionUrl(it.id, l)} data-action={l}>{t(`ci.link.${l}`)}</a>)}
        </div>
      )}
      {a.has('claim') && (
        <ActionForm item={it} action="claim">
          <FormError t={t} error={forms.claim?.formError} />
          <p class="hint">{t('ci.claimHint')}</p>
          <button class="btn primary" type="submit">{t('ci.claim')}</button>
        </ActionForm>
      )}
      {a.has('assign') && data.staff.length > 0 && (
        <ActionForm item={it} action="assign">
          <FormError t={t} error={forms.assign?.formError} />
          <div class={forms.assign?.errors?.assignee ? 'field has-error' : 'field'}>
            <label for="f-assignee">{t('ci.assign')}</label>
            <select id="f-assignee" name="assignee">
              <option value="">{t('ci.assignPick')}</option>
              {assignOptions(data).map((s) => (
                <option value={String(s.id)} data-team={s.team ? '1' : undefined} selected={String(s.id) === (forms.assign?.values?.assignee ?? String(it.assignee?.id ?? ''))}>
                  {s.team ? `${s.name} · ${t('team.mark')}` : s.name}
                </option>
              ))}
            </select>
            {forms.assign?.errors?.assignee && <p class="error" role="alert">{t(forms.assign.errors.assignee.key)}</p>}
          </div>
          <button class="btn" type="submit">{t('ci.assignBtn')}</button>
        </ActionForm>
      )}
    </section>
  );
}

function Requests(props: { v: ViewCtx; data: StaffItem; forms: ItemForms }) {
  const { v, data, forms } = props;
  const { t } = v;
  if (!data.requests.length) return null;
  return (
    <section class="card" id="requests">
      <h2>{t('ci.requests')}</h2>
      <ul class="list">
        {data.requests.map((r) => (
          <li data-request={String(r.id)}>
            <p class="item-head"><strong>{t('ci.request.routedAt', { time: fmtTime(v, r.routedAt), department: r.department })}</strong></p>
            {r.contact && <p class="muted">{r.contact}</p>}
            {r.note && <p class="ev-body">{r.note}</p>}
            {r.answer !== null ? (
              <p class="ev-body"><span class="badge">{t('ci.request.answer')}</span> {r.answer} <span class="muted">{t('ci.request.answeredAt', { time: fmtTime(v, r.answeredAt!) })}</span></p>
            ) : data.actions.has('departmentAnswer') ? (
              <ActionForm item={data.item} action="department-answer">
                <input type="hidden" name="request" value={String(r.id)} />
                <FormError t={t} error={forms.departmentAnswer?.values?.request === String(r.id) ? forms.departmentAnswer?.formError : undefined} />
                <TextArea v={v} name="answer" label={t('ci.request.answerLabel')} state={forms.departmentAnswer?.values?.request === String(r.id) ? forms.departmentAnswer : undefined} required idPrefix={`req${r.id}`} />
                <button class="btn" type="submit">{t('ci.request.record')}</button>
              </ActionForm>
            ) : (
              <p class="muted">{t('ci.request.waiting')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Similar(props: { v: ViewCtx; data: StaffItem; forms: ItemForms }) {
  const { v, data, forms } = props;
  const { t } = v;
  const it = data.item;
  const s = forms.bulk;
  // Ticked boxes survive a refused post; on first view only this item is ticked.
  const ticked = (id: number) => (s?.values ? s.values[`pick.${id}`] !== undefined : id === it.id);
  const others = data.similar.filter((x) => x.inScope);
  return (
    <section class="card" id="similar">
      <h2>{t('ci.dups')}</h2>
      {data.duplicateOf && <p><a href={`/staff/items/${data.duplicateOf.id}`}>{t('ci.duplicateOf', { no: data.duplicateOf.trackingNo })}</a></p>}
      {data.probableDuplicate && (
        <p data-probable={String(data.probableDuplicate.id)}>
          {data.probableDuplicate.inScope ? (
            <a href={`/staff/items/${data.probableDuplicate.id}`}>{t('ci.probable', { no: data.probableDuplicate.trackingNo, pct: pct(data.probableDuplicate.score) })}</a>
          ) : (
            t('ci.probable', { no: data.probableDuplicate.trackingNo, pct: pct(data.probableDuplicate.score) })
          )}
        </p>
      )}
      {others.length === 0 && <p class="muted">{t('ci.similarNone')}</p>}
      {data.actions.has('bulkAnswer') && (
        <form method="post" action={`/staff/items/${it.id}/bulk-answer`} novalidate>
          <h3>{t('ci.bulk.title')}</h3>
          <p class="hint">{t('ci.bulk.hint')}</p>
          <FormError t={t} error={s?.formError ?? s?.errors?.picks} />
          <div class="field">
            <label class="check"><input type="checkbox" name={`pick.${it.id}`} value={String(it.version)} checked={ticked(it.id)} />{t('ci.bulk.this', { no: it.trackingNo })}</label>
            {others.map((o) => (
              <label class="check" data-similar={String(o.id)}>
                <input type="checkbox" name={`pick.${o.id}`} value={String(o.version)} checked={ticked(o.id)} />
                <span>
                  <a href={`/staff/items/${o.id}`} class="mono">{o.trackingNo}</a> {t(`status.${o.status}`)} · {t('ci.similarPct', { pct: pct(o.score) })}
                  <br />
                  <span class="muted">{o.description.length > 60 ? `${o.description.slice(0, 60)}…` : o.description}</span>
                </span>
              </label>
            ))}
          </div>
          <TextArea v={v} name="body" label={t('ci.bulk.body')} state={s} required idPrefix="bulk" />
          <div class="field">
            <label class="check"><input type="checkbox" name="resolve" value="1" checked={s?.values?.resolve === '1'} />{t('ci.bulk.resolve')}</label>
          </div>
          <button class="btn" type="submit">{t('ci.bulk.btn')}</button>
        </form>
      )}
    </section>
  );
}

function eventTitle(v: ViewCtx, e: StaffItem['events'][number]): string {
  const { t } = v;
  switch (e.kind) {
    case 'status':
      return e.fromStatus ? t('ci.ev.status', { from: t(`status.${e.fromStatus}`), to: t(`status.${e.toStatus!}`) }) : t('ci.ev.statusTo', { to: t(`status.${e.toStatus!}`) });
    case 'assign':
      return t('ci.ev.assign', { name: e.body ?? '' });
    case 'route':
      return t('ci.ev.route', { name: e.body ?? '' });
    case 'rating':
      return t('ci.ev.rating', { n: e.body ?? '' });
    default:
      return t(`ci.ev.${e.kind}` as MessageKey);
  }
}

function Timeline(props: { v: ViewCtx; data: StaffItem }) {
  const { v, data } = props;
  const { t } = v;
  const withBody = (k: string) => !['assign', 'route', 'rating', 'offer'].includes(k);
  return (
    <section class="card" id="timeline">
      <h2>{t('ci.timeline')}</h2>
      <ol class="timeline">
        {[...data.events].reverse().map((e) => (
          <li class={`ev ev-${e.kind} ${e.public ? 'ev-public' : 'ev-private'}`} data-event={String(e.id)} data-public={e.public ? '1' : '0'}>
            <time class="muted">{fmtTime(v, e.createdAt)} · {e.actorName || (e.actorKind === 'resident' ? t('ci.ev.resident') : t('ci.ev.system'))}</time>
            <strong>
              {eventTitle(v, e)} <span class={e.public ? 'badge' : 'badge private'}>{t(e.public ? 'ci.ev.public' : 'ci.ev.private')}</span>
            </strong>
            {e.body && withBody(e.kind) && <p class="ev-body">{e.body}</p>}
          </li>
        ))}
        <li class="ev ev-status ev-public" data-event="submitted">
          <time class="muted">{fmtTime(v, data.item.createdAt)}</time>
          <strong>{t('ci.ev.submitted')}</strong>
        </li>
      </ol>
    </section>
  );
}

export function ItemPage(props: ItemPageProps) {
  const { v, data } = props;
  const { t } = v;
  const it = data.item;
  const forms = props.forms ?? {};
  return (
    <div id="item-page" data-version={String(it.version)}>
      <p><a href="/staff/queue">{t('ci.back')}</a></p>
      <Notice text={props.notice} />
      <FormError t={t} error={props.error} />
      <section class="card">
        <ItemHead v={v} status={it.status} kind={it.kind}>
          <span class="tag">{t('ci.tier', { n: it.tier })} {t(`ci.tier.${it.tier}` as MessageKey)}</span>
          {it.policeRelated && <span class="tag">{t('ci.police')}</span>}
        </ItemHead>
        <h1>{it.category}</h1>
        <p class="item-text">{it.description}</p>
        <PhotoThumbs photos={data.photos} alt={(n) => t('ci.photo', { n })} />
        <Facts v={v} data={data} now={props.now} />
        {it.reopenCount > 0 && <p class="muted">{t('ci.reopened', { n: it.reopenCount })}</p>}
      </section>
      <GridTeam v={v} data={data} />
      <HandleCard v={v} data={data} forms={forms} />
      <ReplyBox v={v} data={data} state={forms.reply} templateBody={props.templateBody} templateId={props.templateId} policeView={props.policeView} />
      <DecisionForms v={v} data={data} forms={forms} />
      <Requests v={v} data={data} forms={forms} />
      <Similar v={v} data={data} forms={forms} />
      <Timeline v={v} data={data} />
    </div>
  );
}

export function BulkResultPage(props: { v: ViewCtx; itemId: number; results: BulkResult[] }) {
  const { t } = props.v;
  return (
    <section class="card" id="bulk-results">
      <h1>{t('ci.bulk.resultTitle')}</h1>
      <ul class="list">
        {props.results.map((r) => (
          <li class="row" data-result={String(r.id)} data-outcome={r.outcome}>
            {r.trackingNo ? <a href={`/staff/items/${r.id}`} class="mono">{r.trackingNo}</a> : <span class="mono">{t('ci.bulk.item', { id: r.id })}</span>}
            <span class={['replied', 'resolved', 'repliedNotResolvable'].includes(r.outcome) ? 'badge st-resolved' : 'badge st-rejected'}>{t(`ci.bulk.outcome.${r.outcome}`)}</span>
          </li>
        ))}
      </ul>
      <a class="btn" href={`/staff/items/${props.itemId}`}>{t('ci.bulk.back')}</a>
    </section>
  );
}

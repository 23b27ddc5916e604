// 积分审批: pending awards above the threshold, each with approve, or reject with a reason; one's own are shown, not decidable.
import type { AwardRequestRow } from '../../../src/domain/console/list-award-requests';
import type { Msg } from '../../../src/domain/errors';
import { Notice } from '../../components/confirm';
import { FormError, type FieldErrors } from '../../components/field';
import { fmtTime } from '../me/format';
import type { ViewCtx } from '../../view-ctx';
import { TextArea } from './accept-summary';

export interface RowForm {
  id: number;
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}

function RequestCard(props: { v: ViewCtx; r: AwardRequestRow; form?: RowForm }) {
  const { v, r } = props;
  const { t } = v;
  const f = props.form?.id === r.id ? props.form : undefined;
  return (
    <li class="card" id={`req-${r.id}`} data-request={r.id}>
      <p class="item-head">
        <strong class="points">{t('act.approvals.points', { n: r.amount })}</strong>
        {r.item && <a class="mono" href={`/staff/items/${r.item.id}`}>{r.item.trackingNo}</a>}
      </p>
      {r.item ? (
        <>
          <p>{r.item.category}</p>
          <p class="item-text">{r.item.description}</p>
        </>
      ) : (
        <p>{t('act.approvals.otherKind')}</p>
      )}
      <p class="muted">
        {t('act.approvals.requester', { name: r.requesterName })} · {t('act.approvals.at', { at: fmtTime(v, r.createdAt) })}
      </p>
      {r.note && <p>{t('act.approvals.note', { note: r.note })}</p>}
      {r.blocked ? (
        <p class="banner info">{t(r.blocked === 'own_request' ? 'act.approvals.ownRequest' : 'act.approvals.ownItem')}</p>
      ) : (
        <>
          <FormError t={t} error={f?.formError} />
          <form method="post" action={`/staff/approvals/${r.id}/approve`}>
            <button class="btn primary" type="submit">{t('act.approvals.approve')}</button>
          </form>
          <form method="post" action={`/staff/approvals/${r.id}/reject`} novalidate>
            <TextArea v={v} name="reason" label={t('act.approvals.rejectReason')} value={f?.values.reason ?? ''} errors={f?.fields} rows={2} />
            <button class="btn danger" type="submit">{t('act.approvals.reject')}</button>
          </form>
        </>
      )}
    </li>
  );
}

export function ApprovalsPage(props: { v: ViewCtx; rows: AwardRequestRow[]; notice?: string; error?: Msg; form?: RowForm }) {
  const { v } = props;
  const { t } = v;
  return (
    <>
      <section class="card">
        <h1>{t('act.approvals.title')}</h1>
        <p class="hint">{t('act.approvals.hint')}</p>
      </section>
      <Notice text={props.notice} />
      <FormError t={t} error={props.error} />
      {/* A request decided meanwhile is no longer listed: its message goes on top. */}
      {props.form && !props.rows.some((r) => r.id === props.form!.id) && <FormError t={t} error={props.form.formError} />}
      {props.rows.length === 0 ? (
        <section class="card"><p class="empty">{t('act.approvals.empty')}</p></section>
      ) : (
        <ul class="list approvals" id="approvals">
          {props.rows.map((r) => <RequestCard v={v} r={r} form={props.form} />)}
        </ul>
      )}
    </>
  );
}

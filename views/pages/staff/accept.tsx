// 采纳并发放积分: the suggested amount, the allowed range and the second-approver threshold; a reason when changed.
import type { ActionItem } from '../../../src/domain/console/accept-item-page';
import { Field, FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { Blocked, hxBox, ItemSummary, TextArea, type ActionForm } from './accept-summary';

export interface AcceptData {
  item: ActionItem;
  canAccept: boolean;
  range: { min: number; max: number } | null;
  suggested: number | null;
  secondApproverAbove: number;
}

export function AcceptBox(props: { v: ViewCtx; data: AcceptData; form: ActionForm }) {
  const { v, data, form } = props;
  const { t } = v;
  if (!data.canAccept || !data.range || data.suggested === null) return <Blocked box="accept-box" text={t('act.accept.blocked', { status: t(`status.${data.item.status}`) })} />;
  const url = `/staff/items/${data.item.id}/accept`;
  const val = (k: string) => form.values[k] ?? '';
  return (
    <section class="card" id="accept-box">
      <form method="post" action={url} {...hxBox(url, 'accept-box')} novalidate>
        <FormError t={t} error={form.formError} />
        <input type="hidden" name="version" value={val('version')} />
        <Field
          t={t} name="amount" label={t('act.accept.amount')} value={val('amount')} errors={form.fields} inputmode="numeric" maxlength={7} required
          hint={t('act.accept.amountHint', { suggested: data.suggested, min: data.range.min, max: data.range.max })}
        />
        <p class="hint">{t('act.accept.threshold', { n: data.secondApproverAbove })}</p>
        <TextArea v={v} name="reason" label={t('act.accept.reason')} hint={t('act.accept.reasonHint')} value={val('reason')} errors={form.fields} rows={2} />
        <TextArea v={v} name="reply" label={t('act.accept.reply')} hint={t('act.accept.replyHint')} value={val('reply')} errors={form.fields} />
        <button class="btn primary" type="submit">{t('act.accept.submit')}</button>
      </form>
    </section>
  );
}

export function AcceptPage(props: { v: ViewCtx; data: AcceptData; form: ActionForm }) {
  return (
    <>
      <ItemSummary v={props.v} item={props.data.item} title={props.v.t('act.accept.title')} />
      <AcceptBox {...props} />
    </>
  );
}

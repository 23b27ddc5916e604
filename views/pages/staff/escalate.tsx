// 升级处理: from the current tier to the next (院落/网格 → 社区 → 派出所) with a reason the resident can read.
import type { ActionItem } from '../../../src/domain/console/accept-item-page';
import { FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { Blocked, hxBox, ItemSummary, tierLabel, TextArea, type ActionForm } from './accept-summary';

export interface EscalateData {
  item: ActionItem;
  /** Why not, when it cannot go up: at the top, or closed. */
  blocked: 'top' | 'final' | null;
  /** Resolve hours at the next tier. */
  nextHours: number | null;
}

export function EscalateBox(props: { v: ViewCtx; data: EscalateData; form: ActionForm }) {
  const { v, data, form } = props;
  const { t } = v;
  if (data.blocked) return <Blocked box="escalate-box" text={t(data.blocked === 'top' ? 'act.esc.top' : 'act.esc.final')} />;
  const url = `/staff/items/${data.item.id}/escalate`;
  return (
    <section class="card" id="escalate-box">
      <form method="post" action={url} {...hxBox(url, 'escalate-box')} novalidate>
        <FormError t={t} error={form.formError} />
        <input type="hidden" name="version" value={form.values.version ?? ''} />
        <dl class="facts">
          <dt>{t('act.esc.current')}</dt>
          <dd>{tierLabel(v, data.item.tier)}</dd>
          <dt>{t('act.esc.next')}</dt>
          <dd><strong>{tierLabel(v, data.item.tier + 1)}</strong></dd>
        </dl>
        {data.nextHours !== null && <p class="hint">{t('act.esc.nextDue', { hours: data.nextHours })}</p>}
        <TextArea v={v} name="reason" label={t('act.esc.reason')} hint={t('act.esc.reasonHint')} value={form.values.reason ?? ''} errors={form.fields} />
        <button class="btn primary" type="submit">{t('act.esc.submit')}</button>
      </form>
    </section>
  );
}

export function EscalatePage(props: { v: ViewCtx; data: EscalateData; form: ActionForm }) {
  return (
    <>
      <ItemSummary v={props.v} item={props.data.item} title={props.v.t('act.esc.title')} />
      <EscalateBox {...props} />
    </>
  );
}

// Shared by the console's action pages: the item being acted on (never its author), a text area field, and the result box.
import type { ActionItem } from '../../../src/domain/console/accept-item-page';
import type { Msg } from '../../../src/domain/errors';
import type { MessageKey } from '../../../src/i18n/messages';
import { fieldIds, type FieldErrors } from '../../components/field';
import { fmtTime } from '../me/format';
import type { ViewCtx } from '../../view-ctx';

export const tierLabel = (v: ViewCtx, tier: number) => v.t(`act.tier.${tier}` as MessageKey);

/** Form state kept across a refused submit: the typed values and the messages. */
export interface ActionForm {
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}

/** htmx swaps the box in place; without JavaScript the form posts and the whole page comes back. */
export const hxBox = (url: string, box: string) => ({ 'hx-post': url, 'hx-target': `#${box}`, 'hx-swap': 'outerHTML' });

/** `oob`: sent beside an htmx result box, so the summary above it shows the item's new state too. */
export function ItemSummary(props: { v: ViewCtx; item: ActionItem; title: string; oob?: boolean }) {
  const { v, item } = props;
  const { t } = v;
  return (
    <section class="card" id="action-item" data-item={item.id} hx-swap-oob={props.oob ? 'true' : undefined}>
      <p><a href={`/staff/items/${item.id}`}>{t('act.backToItem')}</a></p>
      <h1>{props.title}</h1>
      <dl class="facts">
        <dt>{t('act.item.trackingNo')}</dt>
        <dd class="mono">{item.trackingNo}</dd>
        <dt>{t('act.item.category')}</dt>
        <dd>{item.category}</dd>
        <dt>{t('act.item.status')}</dt>
        <dd>{t(`status.${item.status}`)}</dd>
        <dt>{t('act.item.tier')}</dt>
        <dd>{tierLabel(v, item.tier)}</dd>
        {item.slaDueAt && (
          <>
            <dt>{t('act.item.due')}</dt>
            <dd>{fmtTime(v, item.slaDueAt)}</dd>
          </>
        )}
      </dl>
      <p class="item-text">{item.description}</p>
      {item.anonymous && <p class="muted">{t('act.item.anonymous')}</p>}
    </section>
  );
}

export function TextArea(props: { v: ViewCtx; name: string; label: string; hint?: string; value?: string; errors?: FieldErrors; rows?: number; max?: number }) {
  const { err, id, describedBy } = fieldIds(props);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      <textarea id={id} name={props.name} rows={props.rows ?? 3} maxlength={props.max ?? 500} aria-invalid={err ? 'true' : undefined} aria-describedby={describedBy}>
        {props.value ?? ''}
      </textarea>
      {err && <p class="error" id={`${id}-err`} role="alert">{props.v.t(err.key, err.params)}</p>}
    </div>
  );
}

/** The outcome of an action, in the form's place: what happened, any points note, and the ways on. */
export function DoneBox(props: { v: ViewCtx; box: string; itemId: number; lines: string[]; warn?: Msg; extra?: { href: string; label: string } }) {
  const { t } = props.v;
  return (
    <section class="card" id={props.box}>
      {props.lines.map((l, i) => (i === 0 ? <p class="banner ok" role="status">{l}</p> : <p>{l}</p>))}
      {props.warn && <p class="banner warn">{t('act.notCredited')}{t(props.warn.key, props.warn.params)}</p>}
      <p class="actions">
        <a class="btn" href={`/staff/items/${props.itemId}`}>{t('act.backToItem')}</a>
        {props.extra && <a class="btn" href={props.extra.href}>{props.extra.label}</a>}
      </p>
    </section>
  );
}

/** Why the action cannot be taken now (instead of the form). */
export const Blocked = (props: { box: string; text: string }) => (
  <section class="card" id={props.box}>
    <p class="form-error" role="alert">{props.text}</p>
  </section>
);

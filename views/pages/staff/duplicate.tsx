// 标记为重复: the original's tracking number (prefilled from verification's probable duplicate), then confirm.
import type { ActionItem } from '../../../src/domain/console/accept-item-page';
import { Field, FormError } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';
import { Blocked, hxBox, ItemSummary, type ActionForm } from './accept-summary';

export interface DuplicateData {
  item: ActionItem;
  canMark: boolean;
  probableNo: string;
}

export function DuplicateBox(props: { v: ViewCtx; data: DuplicateData; form: ActionForm }) {
  const { v, data, form } = props;
  const { t } = v;
  if (!data.canMark) return <Blocked box="duplicate-box" text={t('act.dup.blocked', { status: t(`status.${data.item.status}`) })} />;
  const url = `/staff/items/${data.item.id}/duplicate`;
  return (
    <section class="card" id="duplicate-box">
      {data.probableNo && <p class="banner info">{t('act.dup.probable', { no: data.probableNo })}</p>}
      <form method="post" action={url} {...hxBox(url, 'duplicate-box')} novalidate>
        <FormError t={t} error={form.formError} />
        <input type="hidden" name="version" value={form.values.version ?? ''} />
        <Field t={t} name="original" label={t('act.dup.original')} hint={t('act.dup.originalHint')} value={form.values.original ?? ''} errors={form.fields} maxlength={40} autocomplete="off" required />
        <button class="btn primary" type="submit">{t('act.dup.submit')}</button>
      </form>
    </section>
  );
}

export function DuplicatePage(props: { v: ViewCtx; data: DuplicateData; form: ActionForm }) {
  return (
    <>
      <ItemSummary v={props.v} item={props.data.item} title={props.v.t('act.dup.title')} />
      <DuplicateBox {...props} />
    </>
  );
}

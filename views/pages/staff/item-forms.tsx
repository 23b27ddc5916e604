// The item page's action forms. Each posts to /staff/items/:id/<action> with the page's version, works without JavaScript,
// and with htmx swaps the whole item page (#item-page) so a refusal shows in place with the typed text kept.
import type { Msg } from '../../../src/domain/errors';
import type { StaffItem } from '../../../src/domain/console/get-item-for-staff';
import { FormError, fieldIds, type FieldErrors } from '../../components/field';
import type { ViewCtx } from '../../view-ctx';

export interface FormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  formError?: Msg;
}
export type ItemFormName = 'claim' | 'assign' | 'reply' | 'resolve' | 'reject' | 'reopen' | 'route' | 'departmentAnswer' | 'bulk';
export type ItemForms = Partial<Record<ItemFormName, FormState>>;

export const actionUrl = (id: number, action: string) => `/staff/items/${id}/${action}`;
const hx = (url: string) => ({ 'hx-post': url, 'hx-target': '#item-page', 'hx-swap': 'outerHTML' });

export function ActionForm(props: { item: StaffItem['item']; action: string; children: unknown; id?: string }) {
  const url = actionUrl(props.item.id, props.action);
  return (
    <form method="post" action={url} {...hx(url)} id={props.id} novalidate>
      <input type="hidden" name="version" value={String(props.item.version)} />
      {props.children}
    </form>
  );
}

export function TextArea(props: { v: ViewCtx; name: string; label: string; hint?: string; state?: FormState; value?: string; required?: boolean; rows?: number; idPrefix?: string }) {
  const { err, id: baseId, describedBy } = fieldIds({ name: props.name, hint: props.hint, errors: props.state?.errors });
  const id = props.idPrefix ? `${props.idPrefix}-${baseId}` : baseId;
  const described = describedBy?.replaceAll(baseId, id);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      <textarea id={id} name={props.name} rows={props.rows ?? 3} maxlength={2000} required={props.required} aria-invalid={err ? 'true' : undefined} aria-describedby={described}>
        {props.state?.values?.[props.name] ?? props.value ?? ''}
      </textarea>
      {err && <p class="error" id={`${id}-err`} role="alert">{props.v.t(err.key, err.params)}</p>}
    </div>
  );
}

export function ReplyBox(props: { v: ViewCtx; data: StaffItem; state?: FormState; templateBody?: string; templateId?: string; policeView: boolean }) {
  const { v, data } = props;
  const { t } = v;
  const it = data.item;
  const s = props.state;
  const canReply = data.actions.has('reply');
  const picked = s?.values?.visibility ?? (props.policeView || !canReply ? 'private' : 'public');
  return (
    <section class="card" id="reply">
      <h2>{t('ci.reply.title')}</h2>
      {data.templates.length > 0 && (
        // A GET form: picking a template reloads the page with the text in the box, ready to edit (no JavaScript needed).
        <form method="get" action={`/staff/items/${it.id}#reply`} class="qr-filter">
          <div class="field">
            <label for="f-template">{t('ci.template')}</label>
            <select id="f-template" name="template">
              <option value="">{t('ci.templatePick')}</option>
              {data.templates.map((tp) => <option value={String(tp.id)} selected={String(tp.id) === props.templateId}>{tp.title}</option>)}
            </select>
          </div>
          <button class="btn" type="submit">{t('ci.templateUse')}</button>
        </form>
      )}
      <ActionForm item={it} action="reply">
        <FormError t={t} error={s?.formError} />
        <TextArea v={v} name="body" label={t('ci.reply.body')} hint={data.templates.length ? t('ci.templateHint') : undefined} state={s} value={props.templateBody} required rows={4} />
        <fieldset class="checks">
          <legend>{t('ci.reply.visibility')}</legend>
          {s?.errors?.visibility && <p class="error" id="reply-visibility-err" role="alert">{t(s.errors.visibility.key, s.errors.visibility.params)}</p>}
          <div class="field">
            {canReply && (
              <label class="check"><input type="radio" name="visibility" value="public" checked={picked === 'public'} />{t('ci.reply.public')}</label>
            )}
            <label class="check"><input type="radio" name="visibility" value="private" checked={picked === 'private'} />{t(props.policeView ? 'ci.reply.privatePolice' : 'ci.reply.private')}</label>
          </div>
        </fieldset>
        <button class="btn primary" type="submit">{t('ci.reply.send')}</button>
      </ActionForm>
    </section>
  );
}

export function DecisionForms(props: { v: ViewCtx; data: StaffItem; forms: ItemForms }) {
  const { v, data, forms } = props;
  const { t } = v;
  const it = data.item;
  const a = data.actions;
  return (
    <>
      {a.has('resolve') && (
        <section class="card" id="resolve">
          <h2>{t('ci.resolve.title')}</h2>
          <ActionForm item={it} action="resolve">
            <FormError t={t} error={forms.resolve?.formError} />
            <TextArea v={v} name="answer" label={t('ci.resolve.answer')} hint={t('ci.resolve.hint')} state={forms.resolve} required idPrefix="resolve" />
            <button class="btn primary" type="submit">{t('ci.resolve.btn')}</button>
          </ActionForm>
        </section>
      )}
      {a.has('route') && (
        <section class="card" id="route">
          <h2>{t('ci.route.title')}</h2>
          {data.departments.length === 0 ? (
            <p class="muted">{t('ci.route.none')}</p>
          ) : (
            <ActionForm item={it} action="route">
              <FormError t={t} error={forms.route?.formError} />
              <div class={forms.route?.errors?.department ? 'field has-error' : 'field'}>
                <label for="f-department">{t('ci.route.department')}</label>
                <select id="f-department" name="department" aria-invalid={forms.route?.errors?.department ? 'true' : undefined}>
                  <option value="">{t('ci.route.pick')}</option>
                  {data.departments.map((d) => (
                    <option value={String(d.id)} selected={forms.route?.values?.department === String(d.id)}>{d.contact ? `${d.name}(${d.contact})` : d.name}</option>
                  ))}
                </select>
                {forms.route?.errors?.department && <p class="error" role="alert">{t(forms.route.errors.department.key)}</p>}
              </div>
              <TextArea v={v} name="note" label={t('ci.route.note')} state={forms.route} idPrefix="route" />
              <button class="btn" type="submit">{t('ci.route.btn')}</button>
            </ActionForm>
          )}
        </section>
      )}
      {a.has('reject') && (
        <section class="card" id="reject">
          <h2>{t('ci.reject.title')}</h2>
          <ActionForm item={it} action="reject">
            <FormError t={t} error={forms.reject?.formError} />
            <TextArea v={v} name="reason" label={t('ci.reject.reason')} state={forms.reject} required idPrefix="reject" />
            <button class="btn danger" type="submit">{t('ci.reject.btn')}</button>
          </ActionForm>
        </section>
      )}
      {a.has('reopen') && (
        <section class="card" id="reopen">
          <h2>{t('ci.reopen.title')}</h2>
          <ActionForm item={it} action="reopen">
            <FormError t={t} error={forms.reopen?.formError} />
            <TextArea v={v} name="reason" label={t('ci.reopen.reason')} state={forms.reopen} idPrefix="reopen" />
            <button class="btn" type="submit">{t('ci.reopen.btn')}</button>
          </ActionForm>
        </section>
      )}
    </>
  );
}

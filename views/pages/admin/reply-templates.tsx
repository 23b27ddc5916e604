// Reply templates of one community: list with active state, create/edit form (the body keeps its line breaks).
import type { Msg } from '../../../src/domain/errors';
import type { ReplyTemplateRow } from '../../../src/domain/reply-templates/list-community-reply-templates';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { Notice } from '../../components/confirm';
import { Field, fieldIds, FormError, type FieldErrors } from '../../components/field';

type Community = { id: number; name: string };

export function ReplyTemplatesPage(props: { v: ViewCtx; community: Community; rows: ReplyTemplateRow[]; notice?: string }) {
  const { t } = props.v;
  const base = `/admin/c/${props.community.id}/reply-templates`;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="replyTemplates" />
      <Notice text={props.notice} />
      <section class="card">
        <div class="head">
          <h1>{t('adm.nav.replyTemplates')}</h1>
          <a class="btn small" href={`${base}/new`}>{t('cq.tpl.new')}</a>
        </div>
        <p class="muted">{t('cq.tpl.intro')}</p>
        {props.rows.length === 0 ? (
          <p class="empty">{t('cq.tpl.empty')}</p>
        ) : (
          <ul class="list">
            {props.rows.map((r) => (
              <li class="tpl" data-template={r.title}>
                <p class="item-head">
                  <strong>{r.title}</strong>
                  {!r.active && <span class="tag">{t('cq.inactive')}</span>}
                </p>
                <p class="item-text muted">{r.body}</p>
                <div class="btns">
                  <a class="btn small" href={`/admin/reply-templates/${r.id}`} aria-label={t('cq.editNamed', { name: r.title })}>{t('cq.edit')}</a>
                  {r.active ? (
                    <a class="btn small danger" href={`/admin/reply-templates/${r.id}/deactivate`} aria-label={t('cq.deactivateNamed', { name: r.title })}>{t('cq.deactivate')}</a>
                  ) : (
                    <form method="post" action={`/admin/reply-templates/${r.id}/activate`}>
                      <button class="btn small" type="submit" aria-label={t('cq.activateNamed', { name: r.title })}>{t('cq.activate')}</button>
                    </form>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ReplyTemplateFormPage(props: {
  v: ViewCtx;
  community: Community;
  template?: { id: number };
  values: Record<string, string>;
  fields?: FieldErrors;
  formError?: Msg;
}) {
  const { t } = props.v;
  const action = props.template ? `/admin/reply-templates/${props.template.id}` : `/admin/c/${props.community.id}/reply-templates/new`;
  const body = fieldIds({ name: 'body', hint: t('cq.tpl.bodyHint'), errors: props.fields });
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="replyTemplates" />
      <section class="card">
        <h1>{t(props.template ? 'cq.tpl.edit' : 'cq.tpl.new')}</h1>
        <form method="post" action={action} novalidate>
          <FormError t={t} error={props.formError} />
          <Field t={t} name="title" label={t('cq.tpl.title')} hint={t('cq.tpl.titleHint')} value={props.values.title ?? ''} errors={props.fields} maxlength={30} required />
          <div class={body.err ? 'field has-error' : 'field'}>
            <label for={body.id}>{t('cq.tpl.body')}</label>
            <p class="hint" id={`${body.id}-hint`}>{t('cq.tpl.bodyHint')}</p>
            <textarea id={body.id} name="body" rows={6} maxlength={500} required aria-invalid={body.err ? 'true' : undefined} aria-describedby={body.describedBy}>
              {props.values.body ?? ''}
            </textarea>
            {body.err && <p class="error" id={`${body.id}-err`} role="alert">{t(body.err.key, body.err.params)}</p>}
          </div>
          <button class="btn primary" type="submit">{t('common.save')}</button>
          <a class="btn" href={`/admin/c/${props.community.id}/reply-templates`}>{t('common.cancel')}</a>
        </form>
      </section>
    </>
  );
}

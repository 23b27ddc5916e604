// Staff announcement pages: the list with each one's state and audience, the publish form, and the withdraw question.
import { MAX_ANNOUNCEMENT_DAYS } from '../../../src/domain/announcements/announcement-form';
import type { StaffAnnouncementRow } from '../../../src/domain/announcements/list-staff-announcements';
import type { PublishRights } from '../../../src/domain/announcements/publish-rights';
import type { Msg } from '../../../src/domain/errors';
import { ConfirmAction, Notice } from '../../components/confirm';
import { Field, FormError, type FieldErrors } from '../../components/field';
import { GridChecks } from '../../components/grid-checks';
import { Pager } from '../../components/pager';
import type { ViewCtx } from '../../view-ctx';
import { fmtTime } from '../me/format';
import { TextArea } from '../staff/item-forms';

export function StaffAnnouncementsPage(props: { v: ViewCtx; rows: StaffAnnouncementRow[]; page: number; pages: number; total: number; notice?: string }) {
  const { v } = props;
  const { t } = v;
  return (
    <section class="card">
      <div class="head">
        <h1>{t('ann.staff.title')}</h1>
        <a class="btn primary small" href="/staff/announcements/new">{t('ann.staff.new')}</a>
      </div>
      <Notice text={props.notice} />
      <p class="muted">{t('ann.staff.intro')}</p>
      {props.rows.length === 0 ? (
        <div class="empty" role="status">
          <p>{t('ann.staff.empty')}</p>
          <a class="btn primary" href="/staff/announcements/new">{t('ann.staff.new')}</a>
        </div>
      ) : (
        <ul class="list ann-staff">
          {props.rows.map((a) => (
            <li data-announcement={a.id} data-state={a.state}>
              <span class="item-head">
                <span class={`badge ann-kind ann-kind-${a.kind}`}>{t(`ann.kind.${a.kind}`)}</span>
                <span class={`badge ann-state ann-state-${a.state}`}>{t(`ann.state.${a.state}`)}</span>
              </span>
              <strong>{a.title}</strong>
              <span class="muted">{a.gridNames.length ? a.gridNames.join('、') : t('ann.audience.all')} · {a.communityName}</span>
              <span class="muted">{t('ann.row.time', { from: fmtTime(v, a.publishAt), to: fmtTime(v, a.expiresAt) })}</span>
              <span class="muted">
                {t('ann.row.by', { name: a.authorName })}
                {a.state !== 'scheduled' && <> · {t('ann.row.delivered', { n: a.deliveredCount })}</>}
              </span>
              {(a.state === 'live' || a.state === 'scheduled') && (
                <a class="btn small" href={`/staff/announcements/${a.id}/withdraw`}>{t('ann.withdraw')}</a>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager t={t} page={props.page} pages={props.pages} total={props.total} href={(page) => `/staff/announcements${page > 1 ? `?page=${page}` : ''}`} />
    </section>
  );
}

export interface PublishFormProps {
  v: ViewCtx;
  communities: PublishRights[];
  rights: PublishRights;
  grids: { id: number; code: string; name: string }[];
  wholeCommunity: boolean;
  values: Record<string, string>;
  errors?: FieldErrors;
  formError?: Msg;
}

export function PublishAnnouncementPage(props: PublishFormProps) {
  const { v, rights, values: val, errors } = props;
  const { t } = v;
  const kinds = (['notice', 'police'] as const).filter((k) => rights.kinds[k] !== undefined);
  const checked = Object.keys(val).filter((k) => /^g\.\d+$/.test(k) && val[k] === '1').map((k) => Number(k.slice(2)));
  return (
    <section class="card">
      <h1>{t('ann.staff.new')}</h1>
      <FormError t={t} error={props.formError} />
      {props.communities.length > 1 && (
        <form method="get" action="/staff/announcements/new" class="inline">
          <label for="f-community">{t('ann.f.community')}</label>
          <select id="f-community" name="community">
            {props.communities.map((c) => <option value={String(c.communityId)} selected={c.communityId === rights.communityId}>{c.communityName}</option>)}
          </select>
          <button class="btn small" type="submit">{t('ann.f.switch')}</button>
        </form>
      )}
      <form method="post" action="/staff/announcements" class="stack">
        <input type="hidden" name="community" value={String(rights.communityId)} />
        <fieldset class={errors?.kind ? 'choices kinds has-error' : 'choices kinds'}>
          <legend>{t('ann.f.kind')}</legend>
          {errors?.kind && <p class="error" role="alert">{t(errors.kind.key, errors.kind.params)}</p>}
          {kinds.map((k, i) => (
            <label class="choice" for={`ann-k-${k}`}>
              <input type="radio" id={`ann-k-${k}`} name="kind" value={k} checked={val.kind ? val.kind === k : i === 0} />
              <span>
                <strong>{t(`ann.kind.${k}`)}</strong>
                <small>{t(k === 'notice' ? 'ann.f.kind.noticeHint' : 'ann.f.kind.policeHint')}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <Field t={t} name="title" label={t('ann.f.title')} value={val.title} errors={errors} maxlength={60} required />
        <TextArea v={v} name="body" label={t('ann.f.body')} value={val.body} state={{ errors: errors ?? {}, values: val }} rows={5} required />
        <GridChecks
          t={t}
          grids={props.grids}
          checked={checked}
          label={t('ann.f.grids')}
          hint={t(props.wholeCommunity ? 'ann.f.gridsHint' : 'ann.f.gridsHintRequired')}
          error={errors?.grids}
        />
        <Field t={t} name="publishAt" type="datetime-local" label={t('ann.f.publishAt')} hint={t('ann.f.publishAtHint')} value={val.publishAt} errors={errors} />
        <Field t={t} name="expiresAt" type="datetime-local" label={t('ann.f.expiresAt')} hint={t('ann.f.expiresAtHint', { days: MAX_ANNOUNCEMENT_DAYS })} value={val.expiresAt} errors={errors} required />
        <button class="btn primary" type="submit">{t('ann.f.submit')}</button>
        <a class="btn" href="/staff/announcements">{t('ann.cancel')}</a>
      </form>
    </section>
  );
}

export function WithdrawAnnouncementPage(props: { v: ViewCtx; a: { id: number; title: string }; blocked?: Msg }) {
  const { t } = props.v;
  return (
    <ConfirmAction t={t} title={t('ann.withdraw.title')} question={t('ann.withdraw.body')} action={`/staff/announcements/${props.a.id}/withdraw`} button={t('ann.withdraw.confirm')} cancelHref="/staff/announcements" blocked={props.blocked}>
      <p><strong>{props.a.title}</strong></p>
    </ConfirmAction>
  );
}

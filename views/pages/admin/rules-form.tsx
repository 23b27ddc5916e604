// The rule-set editor: categories (name, hint, min/default/max, police; any number of new ones), the other settings, the effective date; 预览 re-renders
// it with the result box (htmx swaps just this form), 保存 makes the next version. Errors beside each field, values kept.
import type { Msg } from '../../../src/domain/errors';
import type { MessageKey, Translate } from '../../../src/i18n/messages';
import type { RuleSetPreview } from '../../../src/domain/rules/preview-rule-set';
import { CATEGORY_NUMBERS, HINT_MAX, SCALAR_GROUPS, canAddCategoryRow, categoryRows, newCategoryRows, newRowPrefix } from '../../../src/domain/rules/rule-set-form';
import type { ViewCtx } from '../../view-ctx';
import { Field, FormError, type FieldErrors } from '../../components/field';
import { SelectField } from '../../components/select';
import { RulesCrumbs, rulesHref } from './rules';

type Community = { id: number; name: string };

export interface RulesFormProps {
  v: ViewCtx;
  community: Community;
  values: Record<string, string>;
  /** Versions: prefilled from, and the newest one when the form was opened. */
  from: number;
  latest: number;
  today: string;
  errors?: FieldErrors;
  formError?: Msg;
  preview?: RuleSetPreview;
}

export function RulesFormPage(props: RulesFormProps) {
  const { t } = props.v;
  return (
    <>
      <RulesCrumbs t={t} community={props.community} here={t('rules.form.title')} />
      <RulesForm {...props} />
    </>
  );
}

const isOn = (v: string | undefined) => v === 'on' || v === 'true' || v === '1';

function Check(props: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" name={props.name} checked={props.checked} />
        <span>{props.label}</span>
      </label>
    </div>
  );
}

/** The partial htmx swaps (#rules-form): the whole form, so a refused preview shows its field errors too. */
export function RulesForm(props: RulesFormProps) {
  const { t } = props.v;
  const val = props.values;
  const err = props.errors ?? {};
  const action = rulesHref(props.community.id, '/new');
  // Always at least one (empty) new-category row.
  const newRows = newCategoryRows(val).length ? newCategoryRows(val) : [0];
  const num = (name: string, label: string, hint?: string) => (
    <Field t={t} name={name} label={label} hint={hint} value={val[name]} errors={err} inputmode="numeric" maxlength={12} />
  );
  return (
    <form id="rules-form" method="post" action={action} hx-post={action} hx-target="#rules-form" hx-swap="outerHTML" novalidate>
      {/* Enter in a field submits with the form's first button: make that 预览 (harmless), not "add a row" or 保存. */}
      <button type="submit" name="action" value="preview" formaction={`${action}#rules-preview`} class="visually-hidden" tabindex={-1} aria-hidden="true">
        {t('rules.form.preview')}
      </button>
      <input type="hidden" name="from" value={String(props.from)} />
      <input type="hidden" name="latest" value={String(props.latest)} />
      <section class="card">
        <h1>{t('rules.form.title')}</h1>
        <p class="muted">{t('rules.form.intro', { from: props.from, next: props.latest + 1 })}</p>
        <FormError t={t} error={props.formError ?? err._} />
        <Field t={t} name="effective_from" type="date" label={t('rules.f.effective_from')} hint={t('rules.form.effectiveHint', { today: props.today })} value={val.effective_from} errors={err} />
      </section>

      <section class="card">
        <h2>{t('rules.form.categories')}</h2>
        <p class="hint">{t('rules.form.categoriesHint')}</p>
        <p class="hint">{t('rules.form.hintHint', { max: HINT_MAX })}</p>
        {categoryRows(val).map((i) => {
          const p = `cat.${i}`;
          const keyErr = err[`${p}.key`];
          return (
            <fieldset class={keyErr ? 'rules-cat has-error' : 'rules-cat'} data-category={val[`${p}.key`]}>
              <legend>{val[`${p}.label`] || val[`${p}.key`]}</legend>
              <input type="hidden" name={`${p}.key`} value={val[`${p}.key`]} />
              {keyErr && <p class="error" role="alert">{t(keyErr.key, keyErr.params)}</p>}
              <Field t={t} name={`${p}.label`} label={t('rules.form.catLabel')} value={val[`${p}.label`]} errors={err} maxlength={200} />
              <Field t={t} name={`${p}.hint`} label={t('rules.form.hint')} value={val[`${p}.hint`]} errors={err} maxlength={400} />
              <Trio t={t} prefix={p} val={val} err={err} />
              <Check name={`${p}.police`} label={t('rules.form.police')} checked={isOn(val[`${p}.police`])} />
              <Check name={`${p}.remove`} label={t('rules.form.remove')} checked={isOn(val[`${p}.remove`])} />
            </fieldset>
          );
        })}
        {newRows.map((j) => {
          const p = newRowPrefix(j);
          return (
            <fieldset class="rules-cat rules-new" id={`rules-new-${j}`}>
              <legend>{newRows.length === 1 ? t('rules.form.new') : t('rules.form.newN', { n: j + 1 })}</legend>
              <SelectField
                t={t}
                name={`${p}.kind`}
                label={t('rules.form.newKind')}
                value={val[`${p}.kind`]}
                errors={err}
                options={[{ value: '', label: t('rules.form.newKindChoose') }, { value: 'tip', label: t('rules.kind.tip') }, { value: 'wish', label: t('rules.kind.wish') }]}
              />
              <Field t={t} name={`${p}.key`} label={t('rules.form.newKey')} hint={t('rules.form.newKeyHint')} value={val[`${p}.key`]} errors={err} maxlength={60} autocomplete="off" />
              <Field t={t} name={`${p}.label`} label={t('rules.form.catLabel')} value={val[`${p}.label`]} errors={err} maxlength={200} />
              <Field t={t} name={`${p}.hint`} label={t('rules.form.hint')} value={val[`${p}.hint`]} errors={err} maxlength={400} />
              <Trio t={t} prefix={p} val={val} err={err} />
              <Check name={`${p}.police`} label={t('rules.form.police')} checked={isOn(val[`${p}.police`])} />
            </fieldset>
          );
        })}
        {/* No script needed: the form comes back with the values kept and one more empty row (htmx swaps just the form). */}
        {canAddCategoryRow(val) && (
          <button class="btn" type="submit" name="add" value="category" formaction={`${action}#rules-new-${newRows.length}`}>
            {t('rules.form.addRow')}
          </button>
        )}
      </section>

      {SCALAR_GROUPS.map((g) => (
        <section class="card" data-group={g.group}>
          <h2>{t(`rules.g.${g.group}` as MessageKey)}</h2>
          {g.group === 'wish_fulfilment' || g.group === 'mediation' ? (
            <Trio t={t} prefix={g.group} val={val} err={err} />
          ) : (
            g.fields.map((f) =>
              f.kind === 'bool' ? (
                <Check name={f.name} label={t(`rules.f.${f.name}` as MessageKey)} checked={isOn(val[f.name])} />
              ) : f.kind === 'clock' ? (
                <Field t={t} name={f.name} type="time" label={t(`rules.f.${f.name}` as MessageKey)} value={val[f.name]} errors={err} />
              ) : f.kind === 'factor' ? (
                <Field t={t} name={f.name} label={t(`rules.f.${f.name}` as MessageKey)} value={val[f.name]} errors={err} inputmode="decimal" maxlength={6} />
              ) : (
                num(f.name, t(`rules.f.${f.name}` as MessageKey))
              ),
            )
          )}
        </section>
      ))}

      <section class="card rules-actions">
        {props.preview && <PreviewBox t={t} preview={props.preview} />}
        {Object.keys(err).length > 0 && !props.formError && !err._ && <FormError t={t} error={{ key: 'err.form.invalid' }} />}
        {props.formError && <FormError t={t} error={props.formError} />}
        {/* Without JavaScript the page reloads; the fragment brings the result box into view. */}
        <button class="btn" type="submit" name="action" value="preview" formaction={`${action}#rules-preview`}>{t('rules.form.preview')}</button>
        <button class="btn primary" type="submit" name="action" value="save">{t('rules.form.save')}</button>
      </section>
    </form>
  );
}

/** Min / default / max on one row (three short number fields); their messages go below the row, at full width. */
function Trio(props: { t: Translate; prefix: string; val: Record<string, string>; err: FieldErrors }) {
  const { t } = props;
  const names = CATEGORY_NUMBERS.map((k) => ({ k, name: `${props.prefix}.${k}` }));
  return (
    <>
      <div class="rules-trio">
        {names.map(({ k, name }) => {
          const e = props.err[name];
          return (
            <div class={e ? 'field has-error' : 'field'}>
              <label for={`f-${name}`}>{t(`rules.range.${k}`)}</label>
              <input
                id={`f-${name}`}
                name={name}
                type="text"
                value={props.val[name] ?? ''}
                inputmode="numeric"
                maxlength={12}
                aria-invalid={e ? 'true' : undefined}
                aria-describedby={e ? `f-${name}-err` : undefined}
              />
            </div>
          );
        })}
      </div>
      {names.map(({ name }) => {
        const e = props.err[name];
        return e ? <p class="error" id={`f-${name}-err`} role="alert">{t(e.key, e.params)}</p> : null;
      })}
    </>
  );
}

const RULES = ['wish_fulfilment', 'mediation', 'duplicate_confirmation', 'outcome_bonus', 'patrol', 'volunteer_activity'];

export function PreviewBox(props: { t: Translate; preview: RuleSetPreview }) {
  const { t } = props;
  const p = props.preview;
  return (
    <div class="rules-preview" id="rules-preview" role="status">
      <h2>{t('rules.preview.title', { period: p.period })}</h2>
      {p.count === 0 ? (
        <p>{t('rules.preview.none', { period: p.period })}</p>
      ) : (
        <>
          <p class="rules-preview-sum">{t('rules.preview.summary', { x: p.draft, y: p.actual, n: p.count })}</p>
          {p.refused > 0 && <p>{t('rules.preview.refused', { n: p.refused })}</p>}
          {p.needsSecondApprover > 0 && <p>{t('rules.preview.second', { n: p.needsSecondApprover })}</p>}
          {p.kept > 0 && <p>{t('rules.preview.kept', { n: p.kept })}</p>}
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>{t('rules.preview.col.rule')}</th>
                  <th>{t('rules.preview.col.count')}</th>
                  <th>{t('rules.preview.col.actual')}</th>
                  <th>{t('rules.preview.col.draft')}</th>
                </tr>
              </thead>
              <tbody>
                {p.lines.map((l) => (
                  <tr data-rule={l.rule}>
                    <td>{l.label ?? t(`rules.rule.${RULES.includes(l.rule) ? l.rule : 'unknown'}` as MessageKey)}</td>
                    <td>{l.count}</td>
                    <td>{l.actual}</td>
                    <td><strong>{l.draft}</strong></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p class="hint">{t('rules.preview.note')}</p>
    </div>
  );
}

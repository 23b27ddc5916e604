// Tap-sized choices of the report form: tip or wish, the category (with its one-line hint), the contact preference.
import type { Category } from '../../../src/domain/rules/rule-set-schema';
import type { ReportKind } from '../../../src/domain/submissions/report-form';
import type { Translate } from '../../../src/i18n/messages';
import type { FieldErrors } from '../../components/field';

const ErrorLine = (props: { t: Translate; id: string; errors?: FieldErrors; name: string }) => {
  const err = props.errors?.[props.name];
  return err ? <p class="error" id={props.id} role="alert">{props.t(err.key, err.params)}</p> : null;
};

export function KindChoice(props: { t: Translate; kind: ReportKind; errors?: FieldErrors }) {
  const { t } = props;
  return (
    <fieldset class={props.errors?.kind ? 'choices kinds has-error' : 'choices kinds'}>
      <legend>{t('report.kind.label')}</legend>
      <ErrorLine t={t} id="f-kind-err" errors={props.errors} name="kind" />
      {(['tip', 'wish'] as const).map((k) => (
        <label class="choice" for={`k-${k}`}>
          <input type="radio" id={`k-${k}`} name="kind" value={k} checked={props.kind === k} />
          <span>
            <strong>{t(`report.kind.${k}`)}</strong>
            <small>{t(`report.kind.${k}Hint`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Both kinds' categories are in the page; CSS shows those of the checked kind, so switching needs no script and no reload. */
export function CategoryChoice(props: { t: Translate; categories: readonly Category[]; value: string; errors?: FieldErrors }) {
  const { t } = props;
  const err = props.errors?.category;
  return (
    <fieldset class={err ? 'choices cats has-error' : 'choices cats'} aria-describedby={err ? 'f-category-err' : 'f-category-hint'}>
      <legend>{t('report.category.label')}</legend>
      <p class="hint" id="f-category-hint">{t('report.category.hint')}</p>
      <ErrorLine t={t} id="f-category-err" errors={props.errors} name="category" />
      {props.categories.map((c, i) => (
        <label class={`choice cat-${c.kind}`} for={`c-${i}`}>
          <input type="radio" id={`c-${i}`} name="category" value={c.key} checked={props.value === c.key} />
          <span>
            <strong>{c.label}</strong>
            {c.hint && <small>{c.hint}</small>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function ContactChoice(props: { t: Translate; value: string; errors?: FieldErrors }) {
  const { t } = props;
  const err = props.errors?.contact;
  return (
    <fieldset class={err ? 'choices contact has-error' : 'choices contact'}>
      <legend>{t('report.contact.label')}</legend>
      <ErrorLine t={t} id="f-contact-err" errors={props.errors} name="contact" />
      {(['in_app', 'sms', 'phone', 'none'] as const).map((p) => (
        <label class="choice inline" for={`ct-${p}`}>
          <input type="radio" id={`ct-${p}`} name="contact" value={p} checked={props.value === p} />
          <span>{t(`report.contact.${p}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function CheckChoice(props: { t: Translate; name: string; checked: boolean; label: string; hint: string; class?: string }) {
  return (
    <label class={`choice ${props.class ?? ''}`} for={`f-${props.name}`}>
      <input type="checkbox" id={`f-${props.name}`} name={props.name} value="on" checked={props.checked} />
      <span>
        <strong>{props.label}</strong>
        <small>{props.hint}</small>
      </span>
    </label>
  );
}

export { ErrorLine };

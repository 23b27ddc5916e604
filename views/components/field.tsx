// A labelled form field with its hint and error, wired for screen readers; values are always escaped by JSX.
import type { Translate } from '../../src/i18n/messages';
import type { Msg } from '../../src/domain/errors';

export type FieldErrors = Record<string, Msg>;

/** The ids that tie a field's label, hint and error together for screen readers (shared by every field component). */
export function fieldIds(props: { name: string; hint?: string; errors?: FieldErrors }) {
  const err = props.errors?.[props.name];
  const id = `f-${props.name}`;
  const describedBy = [props.hint && `${id}-hint`, err && `${id}-err`].filter(Boolean).join(' ') || undefined;
  return { err, id, describedBy };
}

export function Field(props: {
  t: Translate;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  errors?: FieldErrors;
  type?: string;
  inputmode?: string;
  autocomplete?: string;
  maxlength?: number;
  pattern?: string;
  required?: boolean;
  autofocus?: boolean;
}) {
  const { err, id, describedBy } = fieldIds(props);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        inputmode={props.inputmode as never}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        pattern={props.pattern}
        required={props.required}
        autofocus={props.autofocus}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {err && (
        <p class="error" id={`${id}-err`} role="alert">
          {props.t(err.key, err.params)}
        </p>
      )}
    </div>
  );
}

/** A message for the whole form (not one field). */
export function FormError(props: { t: Translate; error?: Msg }) {
  return props.error ? (
    <p class="form-error" role="alert">
      {props.t(props.error.key, props.error.params)}
    </p>
  ) : null;
}

// A labelled <select> with its hint and error, matching Field; option labels are escaped by JSX like everything else.
import type { Translate } from '../../src/i18n/messages';
import { fieldIds, type FieldErrors } from './field';

export function SelectField(props: {
  t: Translate;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  hint?: string;
  errors?: FieldErrors;
}) {
  const { err, id, describedBy } = fieldIds(props);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      <select id={id} name={props.name} aria-invalid={err ? 'true' : undefined} aria-describedby={describedBy}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      {err && <p class="error" id={`${id}-err`} role="alert">{props.t(err.key, err.params)}</p>}
    </div>
  );
}

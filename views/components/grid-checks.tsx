// Grid scope as checkboxes (one field per grid, "g.<id>"), so plain forms send each choice without JavaScript.
import type { Msg } from '../../src/domain/errors';
import type { Translate } from '../../src/i18n/messages';

export function GridChecks(props: { t: Translate; grids: { id: number; code: string; name: string }[]; checked: number[]; label: string; hint: string; error?: Msg }) {
  return (
    <fieldset class={props.error ? 'field checks has-error' : 'field checks'}>
      <legend>{props.label}</legend>
      <p class="hint">{props.hint}</p>
      {props.grids.map((g) => (
        <label class="check">
          <input type="checkbox" name={`g.${g.id}`} value="1" checked={props.checked.includes(g.id)} />
          <span>{g.name}<br /><span class="muted mono">{g.code}</span></span>
        </label>
      ))}
      {props.error && <p class="error" role="alert">{props.t(props.error.key, props.error.params)}</p>}
    </fieldset>
  );
}

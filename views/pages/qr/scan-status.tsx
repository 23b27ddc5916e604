// Scan pages for codes that lead nowhere (unknown, disabled) or elsewhere (replaced), plus the form to type a printed code.
import type { ScanTarget } from '../../../src/domain/qr/resolve-scan';
import type { ViewCtx } from '../../view-ctx';

export function EnterCodeForm(props: { v: ViewCtx; value?: string; invalid?: boolean }) {
  const { t } = props.v;
  return (
    <form method="get" action="/q" class="enter-code">
      <div class={props.invalid ? 'field has-error' : 'field'}>
        <label for="f-code">{t('qr.enter.label')}</label>
        <p class="hint" id="f-code-hint">{t('qr.enter.hint')}</p>
        <input id="f-code" name="code" type="text" value={props.value ?? ''} maxlength={40} autocomplete="off" autocapitalize="characters"
          aria-describedby={props.invalid ? 'f-code-hint f-code-err' : 'f-code-hint'} aria-invalid={props.invalid ? 'true' : undefined} />
        {props.invalid && <p class="error" id="f-code-err" role="alert">{t('qr.enter.invalid')}</p>}
      </div>
      <button class="btn primary" type="submit">{t('qr.enter.submit')}</button>
    </form>
  );
}

export function EnterCodePage(props: { v: ViewCtx; value?: string; invalid?: boolean }) {
  return (
    <section class="card">
      <h1>{props.v.t('qr.enter.title')}</h1>
      <EnterCodeForm v={props.v} value={props.value} invalid={props.invalid} />
    </section>
  );
}

export function UnknownCodePage(props: { v: ViewCtx }) {
  const { t } = props.v;
  return (
    <section class="card error-page" role="alert">
      <p class="status">404</p>
      <h1>{t('qr.unknown.title')}</h1>
      <p>{t('qr.unknown.body')}</p>
      <EnterCodeForm v={props.v} />
      <p><a class="btn" href="/">{t('common.backHome')}</a></p>
    </section>
  );
}

export function DisabledCodePage(props: { v: ViewCtx; target: ScanTarget }) {
  const { t } = props.v;
  return (
    <section class="card error-page" role="alert">
      <p class="status">404</p>
      <h1>{t('qr.disabled.title')}</h1>
      <p class="scan-place">{[props.target.communityName, ...props.target.place].join(' › ')} · {props.target.label}</p>
      <p>{t('qr.disabled.body')}</p>
      <p><a class="btn" href="/">{t('common.backHome')}</a></p>
    </section>
  );
}

export function ReplacedCodePage(props: { v: ViewCtx; target: ScanTarget }) {
  const { t } = props.v;
  const next = props.target.current;
  return (
    <section class="card">
      <h1>{t('qr.replaced.title')}</h1>
      <p class="scan-place">{[props.target.communityName, ...props.target.place].join(' › ')} · {props.target.label}</p>
      {next ? (
        <>
          <p>{t('qr.replaced.body')}</p>
          <a class="btn primary" href={`/q/${next.code}`}>{t('qr.replaced.go')}</a>
        </>
      ) : (
        <p>{t('qr.replaced.none')}</p>
      )}
      <p><a href="/">{t('common.backHome')}</a></p>
    </section>
  );
}

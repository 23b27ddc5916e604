// The one error type of the app: a code (→ HTTP status) and a catalogue key, translated when rendered.
import type { MessageKey, Params } from '../i18n/messages';

export const APP_ERROR_STATUS = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;
export interface Msg {
  key: MessageKey;
  params?: Params;
}

export class AppError extends Error {
  readonly status: number;
  readonly msg: Msg;
  constructor(
    readonly code: AppErrorCode,
    msg: MessageKey | Msg,
    /** Field errors for forms: the form is re-rendered with these and the values kept. */
    readonly fields: Record<string, Msg> = {},
    /** Seconds to wait, for rate limits (sent as Retry-After). */
    readonly retryAfter?: number,
  ) {
    const m = typeof msg === 'string' ? { key: msg } : msg;
    super(m.key);
    this.msg = m;
    this.status = APP_ERROR_STATUS[code];
  }
}

/** Another user's resource, or one outside a staff member's scope, reads as "not found". */
export const notFound = () => new AppError('not_found', 'error.404');

/** A form error on one field; the page shows the message beside that field. */
export const fieldError = (field: string, key: MessageKey, params?: Params) =>
  new AppError('validation', 'err.form.invalid', { [field]: { key, params } });

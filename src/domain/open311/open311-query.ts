// Reads GeoReport v2 query parameters (jurisdiction_id, service_request_id, service_code, start_date, end_date, status);
// a malformed one is a 400 with the standard's error list, never a silent "everything".
import { AppError } from '../errors';
import type { RequestFilter } from './list-open311';

const W3C = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const TRACKING = /^[A-Z]{1,8}-\d{4}-\d{6}$/;

export class Open311QueryError extends AppError {
  constructor(readonly description: string) {
    super('bad_request', 'error.400');
  }
}

function date(raw: string | undefined, name: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const d = W3C.test(raw) ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new Open311QueryError(`${name} must be a W3C datetime, e.g. 2026-12-01T00:00:00+08:00`);
  return d;
}

export function readOpen311Query(q: (name: string) => string | undefined): RequestFilter {
  const jurisdiction = q('jurisdiction_id')?.trim() || undefined;
  if (jurisdiction && !/^\d{6,15}$/.test(jurisdiction)) throw new Open311QueryError('jurisdiction_id is a community code (digits)');
  const idsRaw = q('service_request_id')?.trim();
  const ids = idsRaw ? idsRaw.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) : undefined;
  if (ids && (ids.length > 100 || ids.some((id) => !TRACKING.test(id)))) throw new Open311QueryError('service_request_id: up to 100 ids like QY-2026-000123, comma-separated');
  const serviceCode = q('service_code')?.trim() || undefined;
  if (serviceCode && !/^[a-z][a-z0-9_.]{0,63}$/.test(serviceCode)) throw new Open311QueryError('unknown service_code');
  const status = q('status')?.trim() || undefined;
  if (status && status !== 'open' && status !== 'closed') throw new Open311QueryError('status is open or closed');
  const start = date(q('start_date'), 'start_date');
  const end = date(q('end_date'), 'end_date');
  if (start && end && start > end) throw new Open311QueryError('start_date is after end_date');
  return { jurisdiction, ids, serviceCode, start, end, status: status as RequestFilter['status'] };
}

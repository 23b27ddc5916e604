// Pure: Open311 GeoReport v2 shapes — the service and request records (only the standard's field names), W3C
// datetimes with the community's offset, personal data scrubbed from public wish texts, and the XML form of both.
import { zoneOffsetMinutes } from '../time/zoned-local';

/** GeoReport v2 request fields (the standard's list); a record never carries any other key. */
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode',
  'lat', 'long', 'media_url',
] as const;
export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'] as const;

export type Open311Request = Partial<Record<(typeof REQUEST_FIELDS)[number], string | number | null>>;
export type Open311Service = Record<(typeof SERVICE_FIELDS)[number], string | boolean>;

/** "2026-12-02T22:31:05+08:00": W3C / ISO 8601 with the display zone's offset, as GeoReport asks. */
export function w3cDatetime(at: Date, timeZone: string): string {
  const off = zoneOffsetMinutes(at, timeZone);
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + off * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Phone numbers, ID card numbers and e-mail addresses a resident typed into a public wish are not open data. */
export function scrubPersonalData(text: string): string {
  return text
    .replace(/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g, '[电话已隐去]')
    .replace(/(?<![\dXx])\d{17}[\dXx](?![\dXx])|(?<!\d)\d{15}(?!\d)/g, '[证件号已隐去]')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[邮箱已隐去]')
    .replace(/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, '[电话已隐去]');
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** <root><item><field>…</field>…</item>…</root>; null and undefined fields are left out, as in the JSON. */
export function toXml(root: string, item: string, records: Record<string, string | number | boolean | null | undefined>[]): string {
  const body = records
    .map((r) => `<${item}>${Object.entries(r).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`).join('')}</${item}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`;
}

/** GeoReport errors are a list of {code, description}. */
export const open311Errors = (code: number, description: string) => [{ code, description }];

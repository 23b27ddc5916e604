// Page numbers and search text from query strings: anything odd ("-1", "abc", "1;select 1") is page 1 / no filter.
export const PAGE_SIZE = 50;

export function pageOf(raw: string | undefined): number {
  return raw && /^\d{1,5}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
}

/** Search text for ILIKE: trimmed, bounded, with the LIKE wildcards escaped so "%" matches a percent sign. */
export function searchText(raw: string | undefined): string {
  const v = (raw ?? '').replace(/\u0000/g, '').trim().slice(0, 64);
  return v;
}
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}
export const paged = <T>(rows: T[], total: number, page: number): Paged<T> => ({ rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) });

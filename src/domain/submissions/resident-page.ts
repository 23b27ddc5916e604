// Resident lists (我的诉求, inbox, 心愿墙) show 20 per page: phones scroll, and a short page loads fast on a weak signal.
import type { Paged } from '../communities/paging';

export const RESIDENT_PAGE_SIZE = 20;

export const residentPaged = <T>(rows: T[], total: number, page: number): Paged<T> => ({
  rows,
  total,
  page,
  pages: Math.max(1, Math.ceil(total / RESIDENT_PAGE_SIZE)),
});

export const offsetOf = (page: number) => (page - 1) * RESIDENT_PAGE_SIZE;

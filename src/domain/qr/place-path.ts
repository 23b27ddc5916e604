// The chain of places above a QR code's place (courtyard → building → unit), read in one query with self-joins.
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { places } from '../../db/schema';

// Places nest at most courtyard → building → unit under an optional "other" (e.g. the service centre): four levels.
export const p0 = alias(places, 'p0');
export const p1 = alias(places, 'p1');
export const p2 = alias(places, 'p2');
export const p3 = alias(places, 'p3');

export const placePathColumns = {
  n0: p0.name,
  n1: p1.name,
  n2: p2.name,
  n3: p3.name,
};

/** Left joins for a query whose qr_codes.place_id column is given; use with placePathColumns. */
export const placeJoins = {
  p0: eq(p1.id, p0.parentId),
  p1: eq(p2.id, p1.parentId),
  p2: eq(p3.id, p2.parentId),
};

/** Root first: ["清波小区", "1栋"]. */
export function placePath(row: { n0: string | null; n1: string | null; n2: string | null; n3: string | null }): string[] {
  return [row.n3, row.n2, row.n1, row.n0].filter((n): n is string => !!n);
}

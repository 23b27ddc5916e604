// What makes a grid valid: 15-digit code under the community's 12-digit code, a kind, a household count.
import { z } from 'zod';
import { choice, count, gridCode, text } from '../communities/fields';
import type { Msg } from '../errors';

export const GRID_KINDS = ['comprehensive', 'dedicated'] as const;
const KIND_LABELS = { 综合网格: 'comprehensive', 综合: 'comprehensive', 专属网格: 'dedicated', 专属: 'dedicated' } as const;

export const gridForm = z.object({
  code: gridCode,
  name: text(64),
  kind: choice(GRID_KINDS, KIND_LABELS, { fallback: 'comprehensive' }),
  households: count({ max: 100_000, optional: true }),
});
export type GridInput = z.output<typeof gridForm>;

/** The prefix rule ties a grid to its community in the national coding scheme. */
export function codePrefixError(code: string, communityCode: string): Msg | null {
  return code.startsWith(communityCode) ? null : { key: 'grid.err.codePrefix', params: { prefix: communityCode } };
}

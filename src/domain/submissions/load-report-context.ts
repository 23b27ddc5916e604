// Everything the report form needs for one scanned code: the code's place and grid, the rule set in force, the places to pick from.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { places, qrCodes } from '../../db/schema';
import { AppError } from '../errors';
import type { ScanTarget } from '../qr/resolve-scan';
import { currentRuleSet, type LoadedRuleSet } from '../rules/current-rule-set';
import { placeOptions, type PlaceOption } from './place-options';

export interface ReportContext {
  qr: { id: number; code: string; label: string; communityId: number; communityName: string; place: string[]; placeId: number | null; gridId: number | null };
  ruleSet: LoadedRuleSet;
  places: PlaceOption[];
}

/** Only an active 民情收集 code opens the form; the caller has already sent unknown, disabled and replaced codes elsewhere. */
export async function loadReportContext(db: DbOrTx, target: ScanTarget, now = new Date()): Promise<ReportContext> {
  if (target.status !== 'active' || target.purpose !== 'report') throw new AppError('not_found', 'report.err.qr');
  const [[qr], rows, ruleSet] = await Promise.all([
    db.select({ placeId: qrCodes.placeId, gridId: qrCodes.gridId }).from(qrCodes).where(eq(qrCodes.id, target.id)),
    db
      .select({ id: places.id, parentId: places.parentId, name: places.name, gridId: places.gridId })
      .from(places)
      .where(eq(places.communityId, target.communityId))
      .orderBy(asc(places.id)),
    currentRuleSet(db, target.communityId, now),
  ]);
  return {
    qr: {
      id: target.id,
      code: target.code,
      label: target.label,
      communityId: target.communityId,
      communityName: target.communityName,
      place: target.place,
      placeId: qr?.placeId ?? null,
      gridId: qr?.gridId ?? null,
    },
    ruleSet,
    places: placeOptions(rows),
  };
}

/** The grid that will handle the item: the chosen place's, else (no place chosen, or a place outside every grid) the code's own. */
export function gridForPlace(ctx: ReportContext, placeId: number | null): number | null {
  const place = placeId === null ? undefined : ctx.places.find((p) => p.id === placeId);
  return place?.gridId ?? ctx.qr.gridId;
}

// Export (and blank templates) of a community's grids, places or staff as Excel-ready CSV; exports are audited like any staff action.
import type { Db } from '../../db/client';
import type { ImportEntity } from '../../db/schema';
import { zh } from '../../i18n/areas/places';
import type { StaffScope } from '../auth/staff-scope';
import { recordAudit } from '../audit/record-audit';
import { managedCommunity } from '../communities/managed-community';
import { gridExportRows } from '../grids/grid-csv';
import { placeExportRows } from '../places/place-csv';
import { staffExportRows } from '../staff/staff-csv';
import { IMPORT_SPECS } from './specs';
import { toCsv } from './stringify';

const ROWS = { grids: gridExportRows, places: placeExportRows, staff: staffExportRows };

export async function exportCsv(db: Db, input: { actorId: number; scope: StaffScope; communityId: number; entity: ImportEntity; template: boolean; ip?: string }) {
  const community = await managedCommunity(db, input.scope, input.communityId);
  const rows = input.template ? [] : await ROWS[input.entity](db, community.id);
  if (!input.template) {
    await recordAudit(db, { actorUserId: input.actorId, communityId: community.id, action: `export.${input.entity}`, targetType: 'community', targetId: community.id, after: { rows: rows.length }, ip: input.ip });
  }
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const what = zh[`imp.entity.${input.entity}`];
  const fileName = input.template ? `${what}-模板.csv` : `${community.name}-${what}-${day}.csv`;
  return { fileName, body: toCsv(IMPORT_SPECS[input.entity].columns, rows) };
}

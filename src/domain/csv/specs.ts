// The importable tables by name; routes and the bench look specs up here.
import type { ImportEntity } from '../../db/schema';
import { gridImport } from '../grids/grid-csv';
import { placeImport } from '../places/place-csv';
import { staffImport } from '../staff/staff-csv';
import type { ImportSpec } from './import-spec';

export const IMPORT_SPECS: Record<ImportEntity, ImportSpec<unknown, unknown, unknown>> = {
  grids: gridImport as ImportSpec<unknown, unknown, unknown>,
  places: placeImport as ImportSpec<unknown, unknown, unknown>,
  staff: staffImport as unknown as ImportSpec<unknown, unknown, unknown>,
};

export const isImportEntity = (s: string): s is ImportEntity => s in IMPORT_SPECS;

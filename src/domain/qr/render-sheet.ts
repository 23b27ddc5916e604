// A4 sheets with 4 or 8 smaller codes per page (building lobbies, notice boards) as one PDF.
import { pdfBuffer } from './poster/drawing';
import type { PosterData } from './poster/poster-data';
import { sheetDrawings, type SheetSize } from './poster/sheet-layout';

export type { SheetSize } from './poster/sheet-layout';
export const SHEET_SIZES: readonly SheetSize[] = [4, 8];

export async function renderSheetPdf(items: readonly PosterData[], perPage: SheetSize, title = '安邻 二维码合页'): Promise<Buffer> {
  const pages = await sheetDrawings([...items], perPage);
  return pdfBuffer(title, pages);
}

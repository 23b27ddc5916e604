// Glyph outlines for posters from Noto Sans SC (npm @fontsource-variable/noto-sans-sc), so printing never depends on system fonts.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { decompress } from 'wawoff2';

// The package splits one variable font into ~100 WOFF2 slices by Unicode range: Latin, all 3,755 common hanzi of GB2312 and
// all but 33 rare ones of its second level (those print as a visible box).
const require = createRequire(import.meta.url);
const PKG_DIR = path.dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json'));

export type Weight = 'regular' | 'bold';
const WGHT: Record<Weight, number> = { regular: 400, bold: 700 };

export interface GlyphInfo {
  /** Advance in em. */
  advance: number;
  /** Outline commands in em units, y pointing up (font convention). */
  commands: { command: string; args: number[] }[];
}

interface Slice {
  file: string;
  ranges: [number, number][];
}

function readSlices(): Slice[] {
  const table = JSON.parse(readFileSync(path.join(PKG_DIR, 'unicode.json'), 'utf8')) as Record<string, string>;
  const slices = Object.entries(table).map(([key, spec]) => ({
    file: `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, '$1')}-wght-normal.woff2`,
    ranges: spec.split(',').map((r) => {
      const [lo, hi] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo, 16), parseInt(hi ?? lo, 16)] as [number, number];
    }),
  }));
  // Latin first: several CJK slices also list general punctuation, and the Latin slice draws those best.
  const rank = (f: string) => (f.includes('-latin-') ? 0 : f.includes('-latin-ext-') ? 1 : 2);
  return slices.sort((a, b) => rank(a.file) - rank(b.file));
}

const SLICES = readSlices();
const LATIN = SLICES[0];
// Decompressed slices, one TrueType font per weight (fontkit applies variations to TrueType, not to WOFF2 directly).
const loaded = new Map<string, Promise<Record<Weight, fontkit.Font>>>();
const ready = new Map<string, Record<Weight, fontkit.Font>>();
const glyphs = new Map<string, GlyphInfo>();
const sliceOf = new Map<number, Slice>();

function loadSlice(slice: Slice): Promise<Record<Weight, fontkit.Font>> {
  let p = loaded.get(slice.file);
  if (!p) {
    p = (async () => {
      const ttf = Buffer.from(await decompress(await readFile(path.join(PKG_DIR, 'files', slice.file))));
      const base = fontkit.create(ttf) as fontkit.Font;
      const fonts = { regular: base.getVariation({ wght: WGHT.regular }), bold: base.getVariation({ wght: WGHT.bold }) };
      ready.set(slice.file, fonts);
      return fonts;
    })();
    loaded.set(slice.file, p);
  }
  return p;
}

const inRanges = (cp: number, s: Slice) => s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** Loads every slice the text needs; afterwards glyph() works synchronously for these characters. */
export async function loadGlyphsFor(texts: readonly string[]): Promise<void> {
  await loadSlice(LATIN);
  const cps = new Set<number>();
  for (const t of texts) for (const ch of t) cps.add(ch.codePointAt(0)!);
  for (const cp of cps) if (!sliceOf.has(cp)) await findIn(SLICES.filter((s) => inRanges(cp, s)), cp);
}

async function findIn(slices: Slice[], cp: number): Promise<boolean> {
  for (const slice of slices) {
    if ((await loadSlice(slice)).regular.hasGlyphForCodePoint(cp)) {
      sliceOf.set(cp, slice);
      return true;
    }
  }
  return false;
}

/** The outline of one character; characters the font lacks get the font's "missing" box so the gap is visible. */
export function glyph(cp: number, weight: Weight): GlyphInfo {
  const key = `${weight}:${cp}`;
  let info = glyphs.get(key);
  if (!info) {
    const fonts = ready.get((sliceOf.get(cp) ?? LATIN).file);
    if (!fonts) throw new Error('glyph(): call loadGlyphsFor() first');
    const font = fonts[weight];
    const g = font.glyphForCodePoint(cp);
    const em = font.unitsPerEm;
    info = {
      advance: g.advanceWidth / em,
      commands: g.path.commands.map((c) => ({ command: c.command, args: c.args.map((a) => a / em) })),
    };
    glyphs.set(key, info);
  }
  return info;
}

export const hasGlyph = (cp: number) => sliceOf.has(cp);

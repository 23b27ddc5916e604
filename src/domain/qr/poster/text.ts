// Text as vector outlines: measuring, line breaking for Chinese, shrinking to fit, and SVG path data in page points.
import { glyph, type Weight } from './fonts';

export interface TextStyle {
  size: number;
  weight: Weight;
  /** Extra space between characters, in em (the printed code reads better spaced out). */
  tracking?: number;
}

/**
 * Controls, bidi overrides and emoji in admin-entered labels would print as boxes or reorder text: they are dropped.
 * A Chinese character the font lacks is kept and prints as a visible box, so the admin notices.
 */
export const printable = (s: string) =>
  s
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\uFE0E\uFE0F]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

export function measure(text: string, style: TextStyle): number {
  let w = 0;
  for (const ch of text) w += glyph(ch.codePointAt(0)!, style.weight).advance + (style.tracking ?? 0);
  return (w - (text ? (style.tracking ?? 0) : 0)) * style.size;
}

// No line may start with closing punctuation (Chinese typesetting rule); Latin words and numbers stay whole.
const NO_LINE_START = /^[,.!?;:)\]}、。,!?;:)」』》〉】’”·…]/;
const tokens = (text: string) => text.match(/[A-Za-z0-9]+|\s+|[\s\S]/gu) ?? [];

/**
 * Greedy line breaking. Phrases separated by spaces ("扫码反映问题 · 提供线索") stay whole when each fits on a line;
 * a single token wider than the line stays on its own line (the caller shrinks the size).
 */
export function wrap(text: string, style: TextStyle, maxWidth: number, opts: { phrasesOnly?: boolean } = {}): string[] | null {
  const phrases = text.split(/(?<=\s)/u);
  const whole = phrases.length > 1 && phrases.every((p) => measure(p.trim(), style) <= maxWidth);
  if (opts.phrasesOnly && !whole) return null;
  const lines = breakLines(whole ? phrases : tokens(text), style, maxWidth);
  // A separator left dangling at a line end ("提供线索 ·") says nothing: drop it.
  return lines.map((l, i) => (i < lines.length - 1 ? l.replace(/\s*[·|/]$/u, '') : l));
}

function breakLines(toks: string[], style: TextStyle, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const tok of toks) {
    const next = line + tok;
    if (!line || measure(next.trimEnd(), style) <= maxWidth) {
      line = next;
      continue;
    }
    if (NO_LINE_START.test(tok) && [...line].length > 1) {
      // Carry the last character down with the punctuation rather than start a line with it.
      const chars = [...line];
      lines.push(chars.slice(0, -1).join('').trimEnd());
      line = chars[chars.length - 1] + tok;
      continue;
    }
    lines.push(line.trimEnd());
    line = tok.trimStart();
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The largest size from `style.size` down to `minSize` at which the text fits in `maxLines`; else minSize with an ellipsis. */
export function fit(text: string, style: TextStyle, opts: { maxWidth: number; maxLines: number; minSize: number }): { lines: string[]; style: TextStyle } {
  // First look for a size (not much smaller) at which whole phrases fit, then accept breaks inside phrases.
  for (const phrasesOnly of [true, false]) {
    const floor = phrasesOnly ? Math.max(opts.minSize, Math.round(style.size * 0.85)) : opts.minSize;
    for (let size = style.size; size >= floor; size -= 1) {
      const s = { ...style, size };
      const lines = wrap(text, s, opts.maxWidth, { phrasesOnly });
      if (lines && lines.length <= opts.maxLines && lines.every((l) => measure(l, s) <= opts.maxWidth)) return { lines, style: s };
    }
  }
  const s = { ...style, size: opts.minSize };
  const lines = wrap(text, s, opts.maxWidth)!.slice(0, opts.maxLines);
  let last = lines[lines.length - 1] ?? '';
  while (last && measure(`${last}…`, s) > opts.maxWidth) last = [...last].slice(0, -1).join('');
  lines[lines.length - 1] = `${last}…`;
  return { lines, style: s };
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** SVG path data for one line with its baseline at y; x is the left, centre or right edge per `align`. */
export function textPath(text: string, x: number, y: number, style: TextStyle, align: 'left' | 'center' | 'right' = 'left'): string {
  const width = measure(text, style);
  let pen = align === 'center' ? x - width / 2 : align === 'right' ? x - width : x;
  const parts: string[] = [];
  const s = style.size;
  for (const ch of text) {
    const g = glyph(ch.codePointAt(0)!, style.weight);
    for (const c of g.commands) {
      // Font units point up, page points point down: flip y around the baseline.
      const pts: string[] = [];
      for (let i = 0; i < c.args.length; i += 2) pts.push(`${n(pen + c.args[i] * s)} ${n(y - c.args[i + 1] * s)}`);
      const op = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' }[c.command];
      if (op) parts.push(op + pts.join(' '));
    }
    pen += (g.advance + (style.tracking ?? 0)) * s;
  }
  return parts.join('');
}

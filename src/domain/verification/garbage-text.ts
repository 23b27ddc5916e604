// Pure: is a description obvious garbage (one character repeated, keyboard mash, no letters or CJK at all)?
// Deliberately narrow: a refusal hides a resident's report, so only text no person could mean is refused. Real short
// Chinese reports ("3号楼楼道灯坏了") must always pass; test/unit/verification-garbage.test.ts holds the measured table.

export type GarbageReason = 'no_letters' | 'repeated' | 'keyboard_mash';

/** Text as compared for matching: NFKC (full-width → half-width), lower case, runs of whitespace → one space, trimmed. */
export function normaliseForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const LETTER = /\p{L}/u;
const LATIN = /^[a-z]$/;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'ü']);
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Keys next to each other on a QWERTY row (either direction): mashing a row makes almost only such pairs. */
const NEIGHBOURS = new Set(ROWS.flatMap((row) => Array.from(row.slice(1), (ch, i) => [row[i] + ch, ch + row[i]]).flat()));

export function garbageReason(raw: string): GarbageReason | null {
  // Only what a person sees as content: letters, digits, marks; punctuation, symbols and spaces do not count.
  const chars = Array.from(normaliseForMatching(raw)).filter((c) => /[\p{L}\p{N}\p{M}]/u.test(c));
  const letters = chars.filter((c) => LETTER.test(c));
  if (letters.length === 0) return 'no_letters';
  const distinct = new Set(chars).size;
  // "啊啊啊啊啊", "哈哈哈哈哈哈", "aaaaaa", "ababab": two distinct characters cannot describe a problem.
  if (chars.length >= 4 && distinct <= 2) return 'repeated';
  // Long text made of very few characters ("好好好好好好好好坏坏坏坏坏坏好好").
  if (chars.length >= 12 && distinct / chars.length < 0.2) return 'repeated';
  const latin = letters.filter((c) => LATIN.test(c));
  // Keyboard mash only judged on text that is (almost) all Latin letters: any CJK means a person wrote words.
  if (latin.length >= 5 && latin.length >= letters.length * 0.9) {
    const vowels = latin.filter((c) => VOWELS.has(c)).length;
    if (vowels / latin.length < 0.12) return 'keyboard_mash';
    let pairs = 0;
    let adjacent = 0;
    for (let i = 1; i < latin.length; i++) {
      pairs++;
      if (NEIGHBOURS.has(latin[i - 1] + latin[i])) adjacent++;
    }
    if (pairs >= 4 && adjacent / pairs >= 0.6) return 'keyboard_mash';
  }
  return null;
}

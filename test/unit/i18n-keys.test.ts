// Every UI string is defined once: two files defining the same key means one of the texts silently never shows
// (whichever spreads first loses), which is how 我的账户 once had two different 称呼 hints.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as base from '../../src/i18n/messages';

const AREAS = path.resolve(import.meta.dirname, '../../src/i18n/areas');

describe('i18n keys', () => {
  it('no key is defined in two places, in either language', async () => {
    const files = readdirSync(AREAS).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const modules: [string, { zh: Record<string, string>; en: Record<string, string> }][] = [['messages.ts', base]];
    for (const f of files) modules.push([f, await import(path.join(AREAS, f))]);
    expect(modules.length).toBeGreaterThan(5);
    for (const lang of ['zh', 'en'] as const) {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const [file, m] of modules) {
        for (const key of Object.keys(m[lang])) {
          if (owner.has(key)) clashes.push(`${lang} ${key}: ${owner.get(key)} and ${file}`);
          else owner.set(key, file);
        }
      }
      expect(clashes).toEqual([]);
    }
  });
});

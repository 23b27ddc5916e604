// The layers of DESIGN.md, checked on the import statements: db and infra never import the domain, the domain never
// imports jobs or routes, and no module reaches a higher layer through a lazy import().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every relative module a file imports (static, re-export or dynamic import()), resolved to a path under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec)));
}

const layerOf = (rel: string) => rel.split(path.sep)[0];

const FORBIDDEN: Record<string, string[]> = {
  db: ['domain', 'jobs', 'routes', 'middleware'],
  infra: ['domain', 'jobs', 'routes', 'middleware'],
  domain: ['jobs', 'routes', 'middleware'],
};

describe('layering', () => {
  const files = sourceFiles(SRC).map((f) => ({ rel: path.relative(SRC, f), imports: importsOf(f) }));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(Object.entries(FORBIDDEN))('%s imports none of %j', (layer, forbidden) => {
    const offences = files
      .filter((f) => layerOf(f.rel) === layer)
      .flatMap((f) => f.imports.filter((i) => forbidden.includes(layerOf(i))).map((i) => `${f.rel} → ${i}`));
    expect(offences).toEqual([]);
  });
});

// The shared bad-input fixtures (copied into the project so a clone is self-contained): cases.json and the image files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BAD_INPUTS_DIR = fileURLToPath(new URL('../fixtures/bad-inputs/', import.meta.url));

export interface BadInputCases {
  text: { value: string; repeat?: number; why: string }[];
  phone: string[];
  points: unknown[];
  ids: string[];
  dates: string[];
  requests: { what: string; expect: string }[];
  files: Record<string, string>;
}

export const badInputs: BadInputCases = JSON.parse(readFileSync(`${BAD_INPUTS_DIR}cases.json`, 'utf8'));

/** Text cases with `repeat` expanded (e.g. the 100,000-character string). */
export const badTexts = (): string[] => badInputs.text.map((c) => c.value.repeat(c.repeat ?? 1));

export const badInputFile = (name: string): Buffer => readFileSync(`${BAD_INPUTS_DIR}${name}`);

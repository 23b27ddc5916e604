// The clock patrol check-ins and credit are judged by. Tests inject time (TEST_CLOCK) so a browser can "be" at
// tonight's patrol at any hour; outside NODE_ENV=test the setting is ignored, so production always uses real time.
import { readFileSync } from 'node:fs';

export type Clock = () => Date;

export function makeClock(cfg: { NODE_ENV: string; TEST_CLOCK?: string }, real: Clock = () => new Date()): Clock {
  if (cfg.NODE_ENV !== 'test' || !cfg.TEST_CLOCK) return real;
  if (cfg.TEST_CLOCK.startsWith('file:')) {
    const file = cfg.TEST_CLOCK.slice('file:'.length);
    // Read on every call: the test rewrites the file to move time (an unreadable or bad file means real time).
    return () => {
      try {
        const d = new Date(readFileSync(file, 'utf8').trim());
        return Number.isNaN(d.getTime()) ? real() : d;
      } catch {
        return real();
      }
    };
  }
  const base = new Date(cfg.TEST_CLOCK).getTime();
  const bootedAt = real().getTime();
  return () => new Date(base + (real().getTime() - bootedAt));
}

const clocks = new WeakMap<object, Clock>();
/** One clock per config object (the app parses its config once), so an injected start runs from boot, not per request. */
export function clockFor(cfg: { NODE_ENV: string; TEST_CLOCK?: string }): Clock {
  let c = clocks.get(cfg);
  if (!c) clocks.set(cfg, (c = makeClock(cfg)));
  return c;
}

// PURE: the leader's rotating check-in code. Each 30 s window has its own 6-digit code, an HMAC of the shift's secret;
// a scan is accepted in its own window or the one just before (time to walk up and scan), never older: a photo of
// an old code replayed later is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const LEADER_WINDOW_MS = 30_000;

export const windowOf = (at: Date) => Math.floor(at.getTime() / LEADER_WINDOW_MS);

export function leaderCode(secret: string, shiftId: number, window: number): string {
  const mac = createHmac('sha256', secret).update(`${shiftId}:${window}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function leaderCodeValid(secret: string, shiftId: number, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const w = windowOf(now);
  return [w, w - 1].some((x) => timingSafeEqual(Buffer.from(leaderCode(secret, shiftId, x)), Buffer.from(code)));
}

/** Seconds until the code on screen changes. */
export const secondsLeft = (now: Date) => Math.ceil((LEADER_WINDOW_MS - (now.getTime() % LEADER_WINDOW_MS)) / 1000);

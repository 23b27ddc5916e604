// PURE: what makes a check-in worth an organiser's look. Sized for volunteers: every flag marks, none refuses.
export type CheckInFlag = 'far' | 'no_location' | 'too_fast' | 'shared_device' | 'route_incomplete';

/** Faster than a brisk cyclist between two checkpoints (≈ 25 km/h) is not one person walking the route. */
export const MAX_SPEED_M_PER_S = 7;

export interface Point { lat: number; lng: number }

/** Great-circle distance in metres. */
export function distanceM(a: Point, b: Point): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface FlagInput {
  /** The checkpoint's location and radius, when the place has coordinates. */
  checkpoint: (Point & { radiusM: number }) | null;
  /** What the browser reported, if anything. */
  reported: Point | null;
  /** The person's previous checkpoint scan on this shift, when both places have coordinates. */
  previous: { at: Date; place: Point } | null;
  at: Date;
  /** Another account already scanned this checkpoint on this shift from the same device. */
  deviceShared: boolean;
}

export function checkInFlags(i: FlagInput): CheckInFlag[] {
  const flags: CheckInFlag[] = [];
  if (i.checkpoint) {
    if (!i.reported) flags.push('no_location');
    else if (distanceM(i.reported, i.checkpoint) > i.checkpoint.radiusM) flags.push('far');
    if (i.previous) {
      const seconds = Math.max(1, (i.at.getTime() - i.previous.at.getTime()) / 1000);
      if (distanceM(i.previous.place, i.checkpoint) / seconds > MAX_SPEED_M_PER_S) flags.push('too_fast');
    }
  }
  if (i.deviceShared) flags.push('shared_device');
  return flags;
}

/** Browser coordinates from a form: both numbers in range, or none. */
export function parseLocation(lat: unknown, lng: unknown): Point | null {
  const a = Number(lat);
  const b = Number(lng);
  if (typeof lat !== 'string' || typeof lng !== 'string' || lat === '' || lng === '') return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180) return null;
  return { lat: a, lng: b };
}

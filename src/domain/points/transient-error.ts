// PostgreSQL errors after which the same work can succeed when run again.
/** Deadlock, serialization failure, lock not available (also when wrapped as another error's cause). */
export function isTransient(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001' || code === '55P03') return true;
  }
  return false;
}

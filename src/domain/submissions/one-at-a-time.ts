// Runs work for one key at a time in this process: the taps of one form queue up instead of racing for the photo cap.
const running = new Map<string, Promise<unknown>>();

/** The database keeps one item per form whatever happens; this only makes a second tap wait and then find the first item. */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.catch(() => {}).then(work);
  const tail = mine.catch(() => {});
  running.set(key, tail);
  try {
    return await mine;
  } finally {
    // Only the last in line clears the entry, so the map never grows with finished forms.
    if (running.get(key) === tail) running.delete(key);
  }
}

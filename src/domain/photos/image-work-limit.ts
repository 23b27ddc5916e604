// A small semaphore around sharp work: decoding is CPU- and memory-heavy, so a burst of uploads queues instead of starving the server.
import { availableParallelism } from 'node:os';
import { AppError } from '../errors';

/** Half the cores (at least one): each libvips pipeline already uses several threads. */
export const IMAGE_WORK_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
/** Beyond this many waiting, refuse at once (503) rather than hold connections and memory for minutes. */
export const IMAGE_WORK_MAX_WAITING = 32;

let running = 0;
const waiting: (() => void)[] = [];

export async function withImageWorkSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= IMAGE_WORK_SLOTS) {
    if (waiting.length >= IMAGE_WORK_MAX_WAITING) throw new AppError('unavailable', 'photo.err.busy');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

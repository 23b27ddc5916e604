// The shape of a job declaration: name, zod payload, handler, retry policy and optional schedule.
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { Logger } from '../logger';

export interface JobContext {
  db: Db;
  logger: Logger;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  /** The outbox row behind this run, when it came from one. */
  outboxId?: number;
  now: () => Date;
  /** Runtime services a job may need (e.g. the sweeper re-dispatches). */
  runtime: { redispatchLost(limit: number): Promise<number> };
}

export interface JobDef<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
  attempts: number;
  /** First retry delay; doubles each time. */
  backoffMs: number;
  /** Repeating jobs (BullMQ job schedulers; timers in in-process mode). */
  every?: number;
}

export const defineJob = <S extends z.ZodType>(def: JobDef<S>): JobDef<S> => def;

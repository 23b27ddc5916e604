// The shape of a job binding: a contract's name (its payload comes from src/infra/jobs/contracts.ts), its handler,
// retry policy and optional schedule.
import type { z } from 'zod';
import type { Db } from '../db/client';
import { JOB_CONTRACTS, type JobName } from '../infra/jobs/contracts';
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

type Contract<N extends JobName> = (typeof JOB_CONTRACTS)[N];

/** A job with its own payload schema (tests declare throwaway jobs this way). */
export const defineJob = <S extends z.ZodType>(def: JobDef<S>): JobDef<S> => def;

/** Binds a handler to the contract named `name`: the payload schema is the contract's, never a second copy. */
export const bindJob = <N extends JobName>(def: Omit<JobDef<Contract<N>>, 'payload' | 'name'> & { name: N }): JobDef<Contract<N>> => ({
  ...def,
  payload: JOB_CONTRACTS[def.name] as Contract<N>,
});

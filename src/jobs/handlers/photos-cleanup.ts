// Hourly: deletes draft photos (rows and files) that were never attached to a submission within 24 hours.
import { configSchema } from '../../config';
import { deleteStaleDrafts } from '../../domain/photos/delete-stale-drafts';
import { localPhotoStorage } from '../../infra/photo-storage';
import { bindJob } from '../define';

/**
 * JobContext carries no photo storage, so the job opens the same local store boot.ts does, from the same
 * DATA_DIR setting (schema default included). Read per run, so a test can point it at its own folder.
 */
const storageFromEnv = () => localPhotoStorage(configSchema.shape.DATA_DIR.parse(process.env.DATA_DIR || undefined));

export const photosCleanup = bindJob({
  name: 'photos.cleanup',
  attempts: 2,
  backoffMs: 60_000,
  every: 3600_000,
  async handler(_payload, ctx) {
    const result = await deleteStaleDrafts({ db: ctx.db, storage: storageFromEnv() }, { now: ctx.now() });
    if (result.fileErrors) ctx.logger.warn(result, 'photos.cleanup: some files could not be deleted');
    return result;
  },
});

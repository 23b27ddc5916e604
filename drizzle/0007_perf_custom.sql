-- Duplicate candidates by text similarity through an index (src/domain/verification/probable-duplicate.ts).
-- pg_trgm ships with PostgreSQL (contrib) and with PGlite (loaded in src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "submissions_description_trgm" ON "submissions" USING gin ("description" gin_trgm_ops);

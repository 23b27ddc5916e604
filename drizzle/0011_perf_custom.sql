-- Duplicate candidates by text similarity through an index (src/domain/verification/probable-duplicate.ts).
-- pg_trgm and btree_gist ship with PostgreSQL (contrib) and with PGlite (loaded in src/db/client.ts). One GiST index
-- over community, category, time and the text's trigrams: a search prunes by all four at once, so what it reads
-- follows the recent, similar items, not the length of the history (a GIN trigram index alone reads every old item
-- sharing a common trigram such as 单元 or 楼道).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "submissions_duplicate_trgm" ON "submissions" USING gist ("community_id", "category_key", "created_at", "description" gist_trgm_ops);

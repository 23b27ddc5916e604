CREATE TABLE "rule_sets" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"body" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_sets_community_version" UNIQUE("community_id","version")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "submission_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"body" text,
	"public" boolean DEFAULT true NOT NULL,
	"actor_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer,
	"draft_token" text,
	"uploader_user_id" integer,
	"storage_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_photos_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"tracking_no" text NOT NULL,
	"kind" text NOT NULL,
	"category_key" text NOT NULL,
	"rule_set_id" integer NOT NULL,
	"description" text NOT NULL,
	"place_id" integer,
	"grid_id" integer,
	"qr_code_id" integer,
	"author_user_id" integer NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"contact_pref" text DEFAULT 'in_app' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"status" text DEFAULT 'received' NOT NULL,
	"public_wish" boolean DEFAULT false NOT NULL,
	"idempotency_key" text NOT NULL,
	"police_related" boolean DEFAULT false NOT NULL,
	"tier" integer DEFAULT 1 NOT NULL,
	"sla_due_at" timestamp with time zone,
	"first_answered_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_tracking_no_unique" UNIQUE("tracking_no"),
	CONSTRAINT "submissions_author_idempotency" UNIQUE("author_user_id","idempotency_key"),
	CONSTRAINT "submissions_rating_range" CHECK ("submissions"."rating" IS NULL OR "submissions"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "submissions_tier_range" CHECK ("submissions"."tier" BETWEEN 1 AND 3),
	CONSTRAINT "submissions_public_only_wish" CHECK ("submissions"."public_wish" = false OR "submissions"."kind" = 'wish')
);
--> statement-breakpoint
CREATE TABLE "tracking_counters" (
	"community_id" integer NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tracking_counters_community_id_year_pk" PRIMARY KEY("community_id","year")
);
--> statement-breakpoint
CREATE TABLE "wish_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"helper_user_id" integer NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "tracking_prefix" text DEFAULT 'AL' NOT NULL;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_photos" ADD CONSTRAINT "submission_photos_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_photos" ADD CONSTRAINT "submission_photos_uploader_user_id_users_id_fk" FOREIGN KEY ("uploader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_rule_set_id_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_qr_code_id_qr_codes_id_fk" FOREIGN KEY ("qr_code_id") REFERENCES "public"."qr_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_counters" ADD CONSTRAINT "tracking_counters_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_offers" ADD CONSTRAINT "wish_offers_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_offers" ADD CONSTRAINT "wish_offers_helper_user_id_users_id_fk" FOREIGN KEY ("helper_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_offers" ADD CONSTRAINT "wish_offers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","read_at","id");--> statement-breakpoint
CREATE INDEX "submission_events_submission" ON "submission_events" USING btree ("submission_id","id");--> statement-breakpoint
CREATE INDEX "submission_photos_submission" ON "submission_photos" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "submission_photos_draft" ON "submission_photos" USING btree ("draft_token");--> statement-breakpoint
CREATE INDEX "submissions_author" ON "submissions" USING btree ("author_user_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_community_status" ON "submissions" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "submissions_grid_status" ON "submissions" USING btree ("grid_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "wish_offers_one_accepted" ON "wish_offers" USING btree ("submission_id") WHERE status = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX "wish_offers_one_open_per_helper" ON "wish_offers" USING btree ("submission_id","helper_user_id") WHERE status in ('offered', 'accepted');--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_tracking_prefix" CHECK ("communities"."tracking_prefix" ~ '^[A-Z]{2,4}$');
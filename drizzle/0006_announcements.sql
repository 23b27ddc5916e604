CREATE TABLE "announcement_grids" (
	"announcement_id" integer NOT NULL,
	"grid_id" integer NOT NULL,
	CONSTRAINT "announcement_grids_announcement_id_grid_id_pk" PRIMARY KEY("announcement_id","grid_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"publish_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"delivered_at" timestamp with time zone,
	"delivered_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "announcements_expiry_after_publish" CHECK ("announcements"."expires_at" > "announcements"."publish_at")
);
--> statement-breakpoint
ALTER TABLE "announcement_grids" ADD CONSTRAINT "announcement_grids_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_grids" ADD CONSTRAINT "announcement_grids_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_current" ON "announcements" USING btree ("community_id","expires_at");--> statement-breakpoint
CREATE INDEX "announcements_undelivered" ON "announcements" USING btree ("publish_at") WHERE "announcements"."delivered_at" IS NULL AND "announcements"."withdrawn_at" IS NULL;
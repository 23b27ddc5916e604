CREATE TABLE "report_patrol_monthly" (
	"community_id" integer NOT NULL,
	"month" text NOT NULL,
	"shifts" integer NOT NULL,
	"signups" integer NOT NULL,
	"attended" integer NOT NULL,
	"no_shows" integer NOT NULL,
	"verified_minutes" bigint NOT NULL,
	CONSTRAINT "report_patrol_monthly_community_id_month_pk" PRIMARY KEY("community_id","month")
);
--> statement-breakpoint
ALTER TABLE "report_patrol_monthly" ADD CONSTRAINT "report_patrol_monthly_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submissions_community_created" ON "submissions" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "point_transfers_community_created" ON "point_transfers" USING btree ("community_id","created_at");
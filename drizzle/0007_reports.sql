CREATE TABLE "ranking_monthly" (
	"community_id" integer NOT NULL,
	"grid_id" integer NOT NULL,
	"month" text NOT NULL,
	"user_id" integer NOT NULL,
	"points" bigint NOT NULL,
	"awards" integer NOT NULL,
	CONSTRAINT "ranking_monthly_community_id_month_grid_id_user_id_pk" PRIMARY KEY("community_id","month","grid_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "report_category_monthly" (
	"community_id" integer NOT NULL,
	"grid_id" integer NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"category_key" text NOT NULL,
	"items" integer NOT NULL,
	CONSTRAINT "report_category_monthly_community_id_month_grid_id_category_key_pk" PRIMARY KEY("community_id","month","grid_id","category_key")
);
--> statement-breakpoint
CREATE TABLE "report_monthly" (
	"community_id" integer NOT NULL,
	"grid_id" integer NOT NULL,
	"month" text NOT NULL,
	"items" integer NOT NULL,
	"tips" integer NOT NULL,
	"wishes" integer NOT NULL,
	"police" integer NOT NULL,
	"answered_in_sla" integer NOT NULL,
	"resolvable" integer NOT NULL,
	"resolved" integer NOT NULL,
	"rated" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"overdue" integer NOT NULL,
	"settled_tier1" integer NOT NULL,
	"settled_tier2" integer NOT NULL,
	"settled_tier3" integer NOT NULL,
	"first_answer_p50_min" double precision,
	"first_answer_p90_min" double precision,
	"resolve_p50_min" double precision,
	"resolve_p90_min" double precision,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_monthly_community_id_month_grid_id_pk" PRIMARY KEY("community_id","month","grid_id")
);
--> statement-breakpoint
CREATE TABLE "report_points_monthly" (
	"community_id" integer NOT NULL,
	"month" text NOT NULL,
	"issued" bigint NOT NULL,
	"budget" bigint NOT NULL,
	"spent" bigint NOT NULL,
	CONSTRAINT "report_points_monthly_community_id_month_pk" PRIMARY KEY("community_id","month")
);
--> statement-breakpoint
CREATE TABLE "report_staff_monthly" (
	"community_id" integer NOT NULL,
	"month" text NOT NULL,
	"user_id" integer NOT NULL,
	"handled" integer NOT NULL,
	"answered" integer NOT NULL,
	"overdue" integer NOT NULL,
	"rated" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"first_answer_p50_min" double precision,
	CONSTRAINT "report_staff_monthly_community_id_month_user_id_pk" PRIMARY KEY("community_id","month","user_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "ranking_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ranking_monthly" ADD CONSTRAINT "ranking_monthly_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_monthly" ADD CONSTRAINT "ranking_monthly_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_category_monthly" ADD CONSTRAINT "report_category_monthly_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_monthly" ADD CONSTRAINT "report_monthly_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_points_monthly" ADD CONSTRAINT "report_points_monthly_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_staff_monthly" ADD CONSTRAINT "report_staff_monthly_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_staff_monthly" ADD CONSTRAINT "report_staff_monthly_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ranking_monthly_order" ON "ranking_monthly" USING btree ("community_id","month","grid_id","points");
CREATE TABLE "reconciliation_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer,
	"accounts" integer NOT NULL,
	"transfers" integer NOT NULL,
	"difference_count" integer NOT NULL,
	"differences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"routed_by" integer NOT NULL,
	"routed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"name" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_community_name" UNIQUE("community_id","name")
);
--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reply_templates_community_title" UNIQUE("community_id","title")
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "assigned_user_id" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "duplicate_of_id" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "probable_duplicate_of_id" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "probable_duplicate_score" double precision;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "suggested_points" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "auto_refusal" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "tier_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "settled_tier" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "mediator_user_id" integer;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_requests" ADD CONSTRAINT "department_requests_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_requests" ADD CONSTRAINT "department_requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_requests" ADD CONSTRAINT "department_requests_routed_by_users_id_fk" FOREIGN KEY ("routed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_requests" ADD CONSTRAINT "department_requests_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliation_runs_ran_at" ON "reconciliation_runs" USING btree ("ran_at");--> statement-breakpoint
CREATE INDEX "department_requests_submission" ON "department_requests" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "department_requests_open" ON "department_requests" USING btree ("department_id","answered_at");--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_duplicate_of_id_submissions_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_probable_duplicate_of_id_submissions_id_fk" FOREIGN KEY ("probable_duplicate_of_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_mediator_user_id_users_id_fk" FOREIGN KEY ("mediator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submissions_due" ON "submissions" USING btree ("community_id","sla_due_at");--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_settled_tier_range" CHECK ("submissions"."settled_tier" IS NULL OR "submissions"."settled_tier" BETWEEN 1 AND 3);
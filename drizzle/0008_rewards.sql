CREATE TABLE "reward_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price" integer NOT NULL,
	"stock" integer,
	"monthly_limit" integer,
	"pickup" text DEFAULT '' NOT NULL,
	"photo_key" text,
	"active_from" timestamp with time zone,
	"active_to" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reward_items_price" CHECK ("reward_items"."price" > 0 AND "reward_items"."price" <= 100000),
	CONSTRAINT "reward_items_stock" CHECK (("reward_items"."kind" = 'goods') = ("reward_items"."stock" IS NOT NULL) AND ("reward_items"."stock" IS NULL OR "reward_items"."stock" >= 0)),
	CONSTRAINT "reward_items_limit" CHECK ("reward_items"."monthly_limit" IS NULL OR "reward_items"."monthly_limit" > 0)
);
--> statement-breakpoint
CREATE TABLE "reward_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"seats" integer NOT NULL,
	"seats_left" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "reward_sessions_seats" CHECK ("reward_sessions"."seats_left" >= 0 AND "reward_sessions"."seats" >= 0),
	CONSTRAINT "reward_sessions_time" CHECK ("reward_sessions"."ends_at" > "reward_sessions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "reward_stock_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"session_id" integer,
	"delta" integer NOT NULL,
	"before" integer NOT NULL,
	"after" integer NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_vouchers" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"session_id" integer,
	"user_id" integer NOT NULL,
	"code" text NOT NULL,
	"price" integer NOT NULL,
	"hold_transfer_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"settled_by" integer,
	"settle_transfer_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reward_vouchers_code_format" CHECK ("reward_vouchers"."code" ~ '^[2-9A-HJKMNP-Z]{8}$')
);
--> statement-breakpoint
ALTER TABLE "reward_items" ADD CONSTRAINT "reward_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_items" ADD CONSTRAINT "reward_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_sessions" ADD CONSTRAINT "reward_sessions_item_id_reward_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."reward_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_stock_changes" ADD CONSTRAINT "reward_stock_changes_item_id_reward_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."reward_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_stock_changes" ADD CONSTRAINT "reward_stock_changes_session_id_reward_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reward_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_stock_changes" ADD CONSTRAINT "reward_stock_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_item_id_reward_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."reward_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_session_id_reward_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reward_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_hold_transfer_id_point_transfers_id_fk" FOREIGN KEY ("hold_transfer_id") REFERENCES "public"."point_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_vouchers" ADD CONSTRAINT "reward_vouchers_settle_transfer_id_point_transfers_id_fk" FOREIGN KEY ("settle_transfer_id") REFERENCES "public"."point_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reward_items_community" ON "reward_items" USING btree ("community_id","active");--> statement-breakpoint
CREATE INDEX "reward_sessions_item" ON "reward_sessions" USING btree ("item_id","starts_at");--> statement-breakpoint
CREATE INDEX "reward_stock_changes_item" ON "reward_stock_changes" USING btree ("item_id","session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_vouchers_code" ON "reward_vouchers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_vouchers_hold" ON "reward_vouchers" USING btree ("hold_transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_vouchers_one_seat" ON "reward_vouchers" USING btree ("item_id","user_id") WHERE "reward_vouchers"."session_id" IS NOT NULL AND "reward_vouchers"."status" IN ('pending', 'handed_over');--> statement-breakpoint
CREATE INDEX "reward_vouchers_user" ON "reward_vouchers" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "reward_vouchers_item" ON "reward_vouchers" USING btree ("item_id","status");--> statement-breakpoint
CREATE INDEX "reward_vouchers_due" ON "reward_vouchers" USING btree ("status","valid_until");
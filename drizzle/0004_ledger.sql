CREATE TABLE "point_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"kind" text NOT NULL,
	"owner_user_id" integer,
	"period" text,
	"slice" smallint DEFAULT 0 NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_accounts_identity" UNIQUE NULLS NOT DISTINCT("community_id","kind","owner_user_id","period","slice"),
	CONSTRAINT "point_accounts_balance_nonneg" CHECK ("point_accounts"."balance" >= 0 OR "point_accounts"."kind" = 'budget'),
	CONSTRAINT "point_accounts_owner" CHECK (("point_accounts"."kind" IN ('resident', 'hold')) = ("point_accounts"."owner_user_id" IS NOT NULL)),
	CONSTRAINT "point_accounts_period" CHECK (("point_accounts"."kind" = 'fund') = ("point_accounts"."period" IS NOT NULL)),
	CONSTRAINT "point_accounts_slice" CHECK ("point_accounts"."slice" = 0 OR ("point_accounts"."kind" = 'fund' AND "point_accounts"."slice" BETWEEN 0 AND 63))
);
--> statement-breakpoint
CREATE TABLE "point_award_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"input" jsonb NOT NULL,
	"amount" bigint NOT NULL,
	"requested_by" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_award_requests_key" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "point_lot_draws" (
	"transfer_id" bigint NOT NULL,
	"lot_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "point_lot_draws_pk" UNIQUE("transfer_id","lot_id"),
	CONSTRAINT "point_lot_draws_amount_pos" CHECK ("point_lot_draws"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "point_lots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"transfer_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "point_lots_transfer" UNIQUE("transfer_id"),
	CONSTRAINT "point_lots_remaining" CHECK ("point_lots"."remaining" >= 0 AND "point_lots"."remaining" <= "point_lots"."amount")
);
--> statement-breakpoint
CREATE TABLE "point_transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_account_id" integer NOT NULL,
	"to_account_id" integer NOT NULL,
	"amount" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"reason" jsonb NOT NULL,
	"settles_transfer_id" bigint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_transfers_idempotency" UNIQUE("idempotency_key"),
	CONSTRAINT "point_transfers_amount_pos" CHECK ("point_transfers"."amount" > 0),
	CONSTRAINT "point_transfers_distinct" CHECK ("point_transfers"."from_account_id" <> "point_transfers"."to_account_id")
);
--> statement-breakpoint
ALTER TABLE "point_accounts" ADD CONSTRAINT "point_accounts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_accounts" ADD CONSTRAINT "point_accounts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_award_requests" ADD CONSTRAINT "point_award_requests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_award_requests" ADD CONSTRAINT "point_award_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_award_requests" ADD CONSTRAINT "point_award_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_lot_draws" ADD CONSTRAINT "point_lot_draws_transfer_id_point_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."point_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_lot_draws" ADD CONSTRAINT "point_lot_draws_lot_id_point_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."point_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_account_id_point_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."point_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_transfer_id_point_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."point_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_transfers" ADD CONSTRAINT "point_transfers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_transfers" ADD CONSTRAINT "point_transfers_from_account_id_point_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."point_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_transfers" ADD CONSTRAINT "point_transfers_to_account_id_point_accounts_id_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."point_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_transfers" ADD CONSTRAINT "point_transfers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "point_accounts_owner_idx" ON "point_accounts" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "point_award_requests_open" ON "point_award_requests" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "point_lots_open" ON "point_lots" USING btree ("account_id","expires_at") WHERE "point_lots"."remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "point_transfers_settles" ON "point_transfers" USING btree ("settles_transfer_id") WHERE "point_transfers"."settles_transfer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "point_transfers_to" ON "point_transfers" USING btree ("to_account_id","created_at");--> statement-breakpoint
CREATE INDEX "point_transfers_from" ON "point_transfers" USING btree ("from_account_id","created_at");
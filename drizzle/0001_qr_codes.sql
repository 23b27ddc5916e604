CREATE TABLE "qr_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"code" text NOT NULL,
	"purpose" text NOT NULL,
	"place_id" integer,
	"grid_id" integer,
	"label" text NOT NULL,
	"key" text,
	"status" text DEFAULT 'active' NOT NULL,
	"replaced_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "qr_codes_code_unique" UNIQUE("code"),
	CONSTRAINT "qr_codes_community_key" UNIQUE("community_id","key"),
	CONSTRAINT "qr_codes_code_format" CHECK ("qr_codes"."code" ~ '^[2-9A-HJKMNP-Z]{13}$'),
	CONSTRAINT "qr_codes_replaced_has_successor" CHECK ("qr_codes"."status" <> 'replaced' OR "qr_codes"."replaced_by_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "qr_scan_daily" (
	"qr_code_id" integer NOT NULL,
	"day" date NOT NULL,
	"scans" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "qr_scan_daily_qr_code_id_day_pk" PRIMARY KEY("qr_code_id","day")
);
--> statement-breakpoint
ALTER TABLE "qr_codes" ADD CONSTRAINT "qr_codes_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_codes" ADD CONSTRAINT "qr_codes_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_codes" ADD CONSTRAINT "qr_codes_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_codes" ADD CONSTRAINT "qr_codes_replaced_by_id_qr_codes_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."qr_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_scan_daily" ADD CONSTRAINT "qr_scan_daily_qr_code_id_qr_codes_id_fk" FOREIGN KEY ("qr_code_id") REFERENCES "public"."qr_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qr_codes_community" ON "qr_codes" USING btree ("community_id");
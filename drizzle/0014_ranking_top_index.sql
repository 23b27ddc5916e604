DROP INDEX "ranking_monthly_order";--> statement-breakpoint
CREATE INDEX "ranking_monthly_top" ON "ranking_monthly" USING btree ("community_id","month","grid_id","points","user_id");
CREATE TABLE "filed_returns" (
	"seller_id" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"period" text NOT NULL,
	"start" date NOT NULL,
	"end" date NOT NULL,
	"filed_at" text NOT NULL,
	"confirmation" text,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "filed_returns_seller_id_jurisdiction_id_period_pk" PRIMARY KEY("seller_id","jurisdiction_id","period")
);
--> statement-breakpoint
ALTER TABLE "filed_returns" ADD CONSTRAINT "filed_returns_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "filed_returns_dates" ON "filed_returns" USING btree ("seller_id","jurisdiction_id","start","end");
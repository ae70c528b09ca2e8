CREATE TABLE "attention_items" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"reference" text NOT NULL,
	"request" jsonb NOT NULL,
	"provenance" jsonb,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"field" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "attention_items_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "certificate_digests" (
	"seller_id" text NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"attempted_at" timestamp with time zone,
	"last_error" text,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "certificate_digests_seller_id_day_pk" PRIMARY KEY("seller_id","day")
);
--> statement-breakpoint
CREATE TABLE "certificate_reminders" (
	"seller_id" text NOT NULL,
	"certificate_id" text NOT NULL,
	"expiration_date" date NOT NULL,
	"email" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"attempted_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "certificate_reminders_seller_id_certificate_id_expiration_date_pk" PRIMARY KEY("seller_id","certificate_id","expiration_date")
);
--> statement-breakpoint
CREATE TABLE "certificate_requests" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"certificate_id" text,
	"email" text NOT NULL,
	"jurisdictions" jsonb,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"submitted_certificate_id" text,
	"email_status" text NOT NULL,
	"last_error" text,
	"review_email_status" text,
	"review_last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_requests_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "reprocessings" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"certificate_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"prefer_customer_address" boolean NOT NULL,
	"status" text NOT NULL,
	"impact" jsonb NOT NULL,
	"outcome" jsonb,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"error" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "reprocessings_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "correction_of" text;--> statement-breakpoint
ALTER TABLE "attention_items" ADD CONSTRAINT "attention_items_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_requests" ADD CONSTRAINT "certificate_requests_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reprocessings" ADD CONSTRAINT "reprocessings_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attention_items_reference" ON "attention_items" USING btree ("seller_id","source","source_id","reference");--> statement-breakpoint
CREATE INDEX "attention_items_status" ON "attention_items" USING btree ("seller_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_requests_token" ON "certificate_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "certificate_requests_customer" ON "certificate_requests" USING btree ("seller_id","customer_id");--> statement-breakpoint
CREATE INDEX "reprocessings_status" ON "reprocessings" USING btree ("status");
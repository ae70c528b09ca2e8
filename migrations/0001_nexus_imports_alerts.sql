CREATE TABLE "alert_channels" (
	"seller_id" text PRIMARY KEY NOT NULL,
	"email" jsonb,
	"webhook" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"email_status" text NOT NULL,
	"webhook_status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "alerts_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "employees" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"region" text NOT NULL,
	"country" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employees_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"seller_id" text NOT NULL,
	"import_id" text NOT NULL,
	"seq" integer NOT NULL,
	"row" integer NOT NULL,
	"column" text,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"phase" text NOT NULL,
	CONSTRAINT "import_errors_seller_id_import_id_seq_pk" PRIMARY KEY("seller_id","import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_products" (
	"seller_id" text NOT NULL,
	"import_id" text NOT NULL,
	"product_id" text NOT NULL,
	"rows" integer NOT NULL,
	"assigned_product_id" text,
	"assigned_tax_category" text,
	CONSTRAINT "import_products_seller_id_import_id_product_id_pk" PRIMARY KEY("seller_id","import_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"seller_id" text NOT NULL,
	"import_id" text NOT NULL,
	"rank" integer NOT NULL,
	"item_id" text NOT NULL,
	"row" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "import_rows_seller_id_import_id_rank_item_id_row_pk" PRIMARY KEY("seller_id","import_id","rank","item_id","row")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text,
	"rows" integer DEFAULT 0 NOT NULL,
	"invalid_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"written" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cursor_rank" integer,
	"cursor_id" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"commit_started_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "imports_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "physical_nexus" (
	"seller_id" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"effective_date" date NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "physical_nexus_seller_id_jurisdiction_id_pk" PRIMARY KEY("seller_id","jurisdiction_id")
);
--> statement-breakpoint
CREATE TABLE "sales_by_day" (
	"seller_id" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"day" date NOT NULL,
	"marketplace" boolean NOT NULL,
	"gross" bigint NOT NULL,
	"retail" bigint NOT NULL,
	"taxable" bigint NOT NULL,
	"transactions" integer NOT NULL,
	"estimated_tax" bigint NOT NULL,
	"collected_tax" bigint NOT NULL,
	CONSTRAINT "sales_by_day_seller_id_jurisdiction_id_day_marketplace_pk" PRIMARY KEY("seller_id","jurisdiction_id","day","marketplace")
);
--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "source" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "marketplace" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "tax_collected" bigint;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "nexus_jurisdiction_id" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "nexus_gross" bigint;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "nexus_retail" bigint;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "nexus_taxable" bigint;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "nexus_estimated_tax" bigint;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "nexus_collected_tax" bigint;--> statement-breakpoint
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "physical_nexus" ADD CONSTRAINT "physical_nexus_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_key" ON "alerts" USING btree ("seller_id","key");--> statement-breakpoint
CREATE INDEX "alerts_created" ON "alerts" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "alerts_pending" ON "alerts" USING btree ("next_attempt_at") WHERE "alerts"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "employees_place" ON "employees" USING btree ("seller_id","country","region");--> statement-breakpoint
CREATE INDEX "import_errors_row" ON "import_errors" USING btree ("seller_id","import_id","row");--> statement-breakpoint
CREATE INDEX "imports_file" ON "imports" USING btree ("seller_id","file_hash");--> statement-breakpoint
CREATE INDEX "imports_status" ON "imports" USING btree ("status");
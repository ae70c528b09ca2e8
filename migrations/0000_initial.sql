CREATE TABLE "api_keys" (
	"seller_id" text NOT NULL,
	"key_id" text NOT NULL,
	"name" text,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_seller_id_key_id_pk" PRIMARY KEY("seller_id","key_id")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"jurisdictions" jsonb NOT NULL,
	"reason" text NOT NULL,
	"number" text,
	"effective_date" date NOT NULL,
	"expiration_date" date,
	"archived" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"email" text,
	"type" text DEFAULT 'business' NOT NULL,
	"address" jsonb,
	"tax_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exempt" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"seller_id" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_seller_id_key_pk" PRIMARY KEY("seller_id","key")
);
--> statement-breakpoint
CREATE TABLE "product_external_ids" (
	"seller_id" text NOT NULL,
	"external_id" text NOT NULL,
	"product_id" text NOT NULL,
	CONSTRAINT "product_external_ids_seller_id_external_id_pk" PRIMARY KEY("seller_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"tax_category" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"seller_id" text NOT NULL,
	"jurisdiction_id" text NOT NULL,
	"effective_date" date NOT NULL,
	"registration_number" text,
	"filing_frequency" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_seller_id_jurisdiction_id_pk" PRIMARY KEY("seller_id","jurisdiction_id")
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"settings" jsonb NOT NULL,
	"config_version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transaction_versions" (
	"seller_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"version" integer NOT NULL,
	"request" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transaction_versions_seller_id_transaction_id_version_pk" PRIMARY KEY("seller_id","transaction_id","version")
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"seller_id" text NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"original_id" text,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"date" date NOT NULL,
	"currency" text NOT NULL,
	"customer_id" text,
	"subtotal" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	CONSTRAINT "transactions_seller_id_id_pk" PRIMARY KEY("seller_id","id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_external_ids" ADD CONSTRAINT "product_external_ids_seller_id_product_id_products_seller_id_id_fk" FOREIGN KEY ("seller_id","product_id") REFERENCES "public"."products"("seller_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_versions" ADD CONSTRAINT "transaction_versions_seller_id_transaction_id_transactions_seller_id_id_fk" FOREIGN KEY ("seller_id","transaction_id") REFERENCES "public"."transactions"("seller_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_customer" ON "certificates" USING btree ("seller_id","customer_id");--> statement-breakpoint
CREATE INDEX "product_external_ids_product" ON "product_external_ids" USING btree ("seller_id","product_id");--> statement-breakpoint
CREATE INDEX "transactions_date" ON "transactions" USING btree ("seller_id","date","id");--> statement-breakpoint
CREATE INDEX "transactions_customer" ON "transactions" USING btree ("seller_id","customer_id","date");--> statement-breakpoint
CREATE INDEX "transactions_original" ON "transactions" USING btree ("seller_id","original_id") WHERE "transactions"."original_id" is not null;
CREATE TABLE "connector_events" (
	"seller_id" text NOT NULL,
	"kind" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"transaction_id" text,
	"attention_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connector_events_seller_id_kind_event_id_pk" PRIMARY KEY("seller_id","kind","event_id")
);
--> statement-breakpoint
CREATE TABLE "connectors" (
	"seller_id" text NOT NULL,
	"kind" text NOT NULL,
	"secret" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connectors_seller_id_kind_pk" PRIMARY KEY("seller_id","kind")
);
--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connector_events_received" ON "connector_events" USING btree ("seller_id","created_at");
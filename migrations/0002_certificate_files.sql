CREATE TABLE "certificate_files" (
	"seller_id" text NOT NULL,
	"certificate_id" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_files_seller_id_certificate_id_pk" PRIMARY KEY("seller_id","certificate_id")
);
--> statement-breakpoint
ALTER TABLE "certificate_files" ADD CONSTRAINT "certificate_files_seller_id_certificate_id_certificates_seller_id_id_fk" FOREIGN KEY ("seller_id","certificate_id") REFERENCES "public"."certificates"("seller_id","id") ON DELETE no action ON UPDATE no action;
CREATE TABLE "clinic_api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "clinic_api_keys_id_prefix" CHECK ("clinic_api_keys"."id" ~ '^key_[a-z0-9]{8,40}$'),
	CONSTRAINT "clinic_api_keys_prefix_format" CHECK ("clinic_api_keys"."prefix" ~ '^[a-z0-9]{8}$'),
	CONSTRAINT "clinic_api_keys_hash_format" CHECK ("clinic_api_keys"."key_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "clinic_api_keys_name" CHECK (length(trim("clinic_api_keys"."name")) between 1 and 100),
	CONSTRAINT "clinic_api_keys_permissions" CHECK (jsonb_typeof("clinic_api_keys"."permissions") = 'array' and jsonb_array_length("clinic_api_keys"."permissions") between 1 and 4 and "clinic_api_keys"."permissions" <@ '["doctors:write","referrals:write","referrals:read","appointments:write"]'::jsonb),
	CONSTRAINT "clinic_api_keys_revoked_after_created" CHECK ("clinic_api_keys"."revoked_at" is null or "clinic_api_keys"."revoked_at" >= "clinic_api_keys"."created_at")
);
--> statement-breakpoint
ALTER TABLE "clinic_api_keys" ADD CONSTRAINT "clinic_api_keys_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_api_keys_prefix_key" ON "clinic_api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_api_keys_hash_key" ON "clinic_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "clinic_api_keys_clinic" ON "clinic_api_keys" USING btree ("clinic_id","created_at");
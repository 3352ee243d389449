CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp,
	"refresh_token_expires_at" timestamp,
	"scope" text,
	"password" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	"last_request" bigint NOT NULL,
	CONSTRAINT "rate_limit_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"impersonated_by" text,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "two_factor" (
	"id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"backup_codes" text NOT NULL,
	"user_id" text NOT NULL,
	"verified" boolean DEFAULT true,
	"failed_verification_count" integer DEFAULT 0,
	"locked_until" timestamp
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	"phone_number" text,
	"phone_number_verified" boolean,
	"two_factor_enabled" boolean DEFAULT false,
	"role" text,
	"banned" boolean DEFAULT false,
	"ban_reason" text,
	"ban_expires" timestamp,
	CONSTRAINT "user_email_unique" UNIQUE("email"),
	CONSTRAINT "user_phone_number_unique" UNIQUE("phone_number"),
	CONSTRAINT "user_role" CHECK ("user"."role" is null or "user"."role" in ('patient', 'clinic_staff', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinic_staff" (
	"user_id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "known_devices" (
	"user_id" text NOT NULL,
	"device_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_devices_user_id_device_hash_pk" PRIMARY KEY("user_id","device_hash"),
	CONSTRAINT "known_devices_hash" CHECK ("known_devices"."device_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_buckets_count" CHECK ("rate_limit_buckets"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_failures_count" CHECK ("sign_in_failures"."failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE "verification_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts_left" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_codes_purpose" CHECK ("verification_codes"."purpose" in ('confirm_phone', 'confirm_email', 'new_device', 'recovery')),
	CONSTRAINT "verification_codes_channel" CHECK ("verification_codes"."channel" in ('sms', 'email')),
	CONSTRAINT "verification_codes_attempts" CHECK ("verification_codes"."attempts_left" between 0 and 3),
	CONSTRAINT "verification_codes_hash" CHECK ("verification_codes"."code_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"subject_user_id" text,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	CONSTRAINT "audit_events_result" CHECK ("audit_events"."result" in ('success', 'failure')),
	CONSTRAINT "audit_events_action" CHECK ("audit_events"."action" ~ '^[a-z_.]{3,64}$')
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"sensitive" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"transport" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_messages_channel" CHECK ("outbox_messages"."channel" in ('sms', 'email')),
	CONSTRAINT "outbox_messages_status" CHECK ("outbox_messages"."status" in ('pending', 'sending', 'sent', 'failed')),
	CONSTRAINT "outbox_messages_sent_at" CHECK (("outbox_messages"."status" = 'sent') = ("outbox_messages"."sent_at" is not null)),
	CONSTRAINT "outbox_messages_attempts" CHECK ("outbox_messages"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "patient_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date NOT NULL,
	"sex" text,
	"passport_enc" text,
	"snils_enc" text,
	"snils_hash" text,
	"enp_enc" text,
	"enp_hash" text,
	"notification_channels" text[] DEFAULT '{cabinet}'::text[] NOT NULL,
	"snils_check_state" text DEFAULT 'not_checked' NOT NULL,
	"snils_checked_at" timestamp with time zone,
	"enp_check_state" text DEFAULT 'not_checked' NOT NULL,
	"enp_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_profiles_names_not_blank" CHECK (length(trim("patient_profiles"."last_name")) > 0 and length(trim("patient_profiles"."first_name")) > 0 and ("patient_profiles"."middle_name" is null or length(trim("patient_profiles"."middle_name")) > 0)),
	CONSTRAINT "patient_profiles_sex" CHECK ("patient_profiles"."sex" is null or "patient_profiles"."sex" in ('male', 'female')),
	CONSTRAINT "patient_profiles_notification_channels" CHECK ("patient_profiles"."notification_channels" <@ array['cabinet', 'email', 'sms']::text[]),
	CONSTRAINT "patient_profiles_encrypted" CHECK (("patient_profiles"."passport_enc" is null or "patient_profiles"."passport_enc" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$')
        and ("patient_profiles"."snils_enc" is null or "patient_profiles"."snils_enc" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$')
        and ("patient_profiles"."enp_enc" is null or "patient_profiles"."enp_enc" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$')),
	CONSTRAINT "patient_profiles_snils_hash" CHECK (("patient_profiles"."snils_enc" is null) = ("patient_profiles"."snils_hash" is null) and ("patient_profiles"."snils_hash" is null or "patient_profiles"."snils_hash" ~ '^[0-9a-f]{64}$')),
	CONSTRAINT "patient_profiles_enp_hash" CHECK (("patient_profiles"."enp_enc" is null) = ("patient_profiles"."enp_hash" is null) and ("patient_profiles"."enp_hash" is null or "patient_profiles"."enp_hash" ~ '^[0-9a-f]{64}$')),
	CONSTRAINT "patient_profiles_snils_check_state" CHECK ("patient_profiles"."snils_check_state" in ('not_checked', 'verified', 'not_found', 'unavailable') and ("patient_profiles"."snils_check_state" = 'not_checked') = ("patient_profiles"."snils_checked_at" is null)),
	CONSTRAINT "patient_profiles_enp_check_state" CHECK ("patient_profiles"."enp_check_state" in ('not_checked', 'verified', 'not_found', 'unavailable') and ("patient_profiles"."enp_check_state" = 'not_checked') = ("patient_profiles"."enp_checked_at" is null))
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_user_id" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date NOT NULL,
	"birth_certificate_enc" text NOT NULL,
	"enp_enc" text NOT NULL,
	"enp_hash" text NOT NULL,
	"snils_enc" text,
	"snils_hash" text,
	"snils_check_state" text DEFAULT 'not_checked' NOT NULL,
	"snils_checked_at" timestamp with time zone,
	"enp_check_state" text DEFAULT 'not_checked' NOT NULL,
	"enp_checked_at" timestamp with time zone,
	"link_ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "children_id_prefix" CHECK ("children"."id" ~ '^chd_[a-z0-9]{8,32}$'),
	CONSTRAINT "children_names_not_blank" CHECK (length(trim("children"."last_name")) > 0 and length(trim("children"."first_name")) > 0 and ("children"."middle_name" is null or length(trim("children"."middle_name")) > 0)),
	CONSTRAINT "children_encrypted" CHECK ("children"."birth_certificate_enc" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
        and "children"."enp_enc" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
        and ("children"."snils_enc" is null or "children"."snils_enc" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$')),
	CONSTRAINT "children_enp_hash" CHECK ("children"."enp_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "children_snils_hash" CHECK (("children"."snils_enc" is null) = ("children"."snils_hash" is null) and ("children"."snils_hash" is null or "children"."snils_hash" ~ '^[0-9a-f]{64}$')),
	CONSTRAINT "children_snils_check_state" CHECK ("children"."snils_check_state" in ('not_checked', 'verified', 'not_found', 'unavailable') and ("children"."snils_check_state" = 'not_checked') = ("children"."snils_checked_at" is null)),
	CONSTRAINT "children_enp_check_state" CHECK ("children"."enp_check_state" in ('not_checked', 'verified', 'not_found', 'unavailable') and ("children"."enp_check_state" = 'not_checked') = ("children"."enp_checked_at" is null))
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_factor" ADD CONSTRAINT "two_factor_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_staff" ADD CONSTRAINT "clinic_staff_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_staff" ADD CONSTRAINT "clinic_staff_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_devices" ADD CONSTRAINT "known_devices_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_codes" ADD CONSTRAINT "verification_codes_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_profiles" ADD CONSTRAINT "patient_profiles_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_parent_user_id_user_id_fk" FOREIGN KEY ("parent_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_userId_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_userId_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "twoFactor_secret_idx" ON "two_factor" USING btree ("secret");--> statement-breakpoint
CREATE INDEX "twoFactor_userId_idx" ON "two_factor" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "verification_codes_lookup" ON "verification_codes" USING btree ("user_id","purpose");--> statement-breakpoint
CREATE INDEX "audit_events_subject" ON "audit_events" USING btree ("subject_user_id","at");--> statement-breakpoint
CREATE INDEX "outbox_messages_due" ON "outbox_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_profiles_enp_hash_key" ON "patient_profiles" USING btree ("enp_hash") WHERE "patient_profiles"."enp_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_profiles_snils_hash_key" ON "patient_profiles" USING btree ("snils_hash") WHERE "patient_profiles"."snils_hash" is not null;--> statement-breakpoint
CREATE INDEX "children_parent" ON "children" USING btree ("parent_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "children_enp_hash_key" ON "children" USING btree ("enp_hash") WHERE "children"."link_ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "children_snils_hash_key" ON "children" USING btree ("snils_hash") WHERE "children"."link_ended_at" is null and "children"."snils_hash" is not null;
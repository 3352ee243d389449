CREATE TABLE "doctors" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text NOT NULL,
	"external_id" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"specialty_code" text NOT NULL,
	"qualification" text NOT NULL,
	"licence_number" text NOT NULL,
	"room" text NOT NULL,
	"visit_modes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctors_id_prefix" CHECK ("doctors"."id" ~ '^doc_[a-z0-9]{4,40}$'),
	CONSTRAINT "doctors_visit_modes" CHECK (jsonb_typeof("doctors"."visit_modes") = 'array' and jsonb_array_length("doctors"."visit_modes") between 1 and 3 and "doctors"."visit_modes" <@ '["in_person","video","phone"]'::jsonb),
	CONSTRAINT "doctors_names_not_blank" CHECK (length(trim("doctors"."last_name")) > 0 and length(trim("doctors"."first_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "referral_allowed_clinics" (
	"referral_id" text NOT NULL,
	"clinic_id" text NOT NULL,
	CONSTRAINT "referral_allowed_clinics_referral_id_clinic_id_pk" PRIMARY KEY("referral_id","clinic_id")
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "referral_events_kind" CHECK ("referral_events"."kind" in ('issued', 'extended', 'matched', 'booked', 'cancelled', 'used', 'expired', 'withdrawn')),
	CONSTRAINT "referral_events_actor" CHECK ("referral_events"."actor" ~ '^(system|(clinic|staff|patient|admin):[A-Za-z0-9_]+)$')
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"issued_on" text NOT NULL,
	"issuing_clinic_id" text NOT NULL,
	"issuing_clinic_snapshot" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"enp_hash" text NOT NULL,
	"snils_hash" text,
	"patient_user_id" text,
	"patient_child_id" text,
	"specialty_code" text NOT NULL,
	"urgency" text NOT NULL,
	"kind" text NOT NULL,
	"diagnosis_code" text NOT NULL,
	"issuing_doctor" text NOT NULL,
	"validity_days" integer NOT NULL,
	"last_valid_day" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"payload_hash" text NOT NULL,
	"expiry_notice_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_id_prefix" CHECK ("referrals"."id" ~ '^ref_[a-z0-9]{4,40}$'),
	CONSTRAINT "referrals_number_format" CHECK ("referrals"."number" ~ '^[0-9]{8,12}$'),
	CONSTRAINT "referrals_dates" CHECK ("referrals"."issued_on" ~ '^\d{4}-\d{2}-\d{2}$' and "referrals"."last_valid_day" ~ '^\d{4}-\d{2}-\d{2}$' and "referrals"."last_valid_day" > "referrals"."issued_on"),
	CONSTRAINT "referrals_validity_days" CHECK ("referrals"."validity_days" between 7 and 90),
	CONSTRAINT "referrals_urgency" CHECK ("referrals"."urgency" in ('emergency', 'urgent', 'planned')),
	CONSTRAINT "referrals_kind" CHECK ("referrals"."kind" in ('regular', 'therapist', 'long_term', 'emergency')),
	CONSTRAINT "referrals_status" CHECK ("referrals"."status" in ('active', 'booked', 'used', 'expired', 'withdrawn')),
	CONSTRAINT "referrals_diagnosis_icd10" CHECK ("referrals"."diagnosis_code" ~ '^[A-Z][0-9]{2}(\.[0-9]{1,2})?$'),
	CONSTRAINT "referrals_one_patient" CHECK (not ("referrals"."patient_user_id" is not null and "referrals"."patient_child_id" is not null)),
	CONSTRAINT "referrals_hashes" CHECK ("referrals"."enp_hash" ~ '^[0-9a-f]{64}$' and ("referrals"."snils_hash" is null or "referrals"."snils_hash" ~ '^[0-9a-f]{64}$'))
);
--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctors" ADD CONSTRAINT "doctors_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_allowed_clinics" ADD CONSTRAINT "referral_allowed_clinics_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_allowed_clinics" ADD CONSTRAINT "referral_allowed_clinics_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_issuing_clinic_id_clinics_id_fk" FOREIGN KEY ("issuing_clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_user_id_user_id_fk" FOREIGN KEY ("patient_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_child_id_children_id_fk" FOREIGN KEY ("patient_child_id") REFERENCES "public"."children"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "doctors_clinic_external_key" ON "doctors" USING btree ("clinic_id","external_id");--> statement-breakpoint
CREATE INDEX "doctors_specialty" ON "doctors" USING btree ("specialty_code","clinic_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_number_key" ON "referrals" USING btree ("number");--> statement-breakpoint
CREATE INDEX "referrals_patient_user" ON "referrals" USING btree ("patient_user_id");--> statement-breakpoint
CREATE INDEX "referrals_patient_child" ON "referrals" USING btree ("patient_child_id");--> statement-breakpoint
CREATE INDEX "referrals_enp_hash" ON "referrals" USING btree ("enp_hash");--> statement-breakpoint
CREATE INDEX "referrals_status_last_day" ON "referrals" USING btree ("status","last_valid_day");
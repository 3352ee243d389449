CREATE SEQUENCE "public"."appointment_tickets" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1;--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_number" text DEFAULT ('Т-' || lpad(nextval('appointment_tickets')::text, 7, '0')) NOT NULL,
	"user_id" text NOT NULL,
	"child_id" text,
	"patient_key" text NOT NULL,
	"referral_id" text NOT NULL,
	"slot_id" text NOT NULL,
	"doctor_id" text NOT NULL,
	"clinic_id" text NOT NULL,
	"local_date" text NOT NULL,
	"local_time" text NOT NULL,
	"time_zone" text NOT NULL,
	"minutes" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"contact_phone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_id_prefix" CHECK ("appointments"."id" ~ '^apt_[a-z0-9]{8,40}$'),
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" in ('booked', 'cancelled', 'rescheduled', 'done', 'missed')),
	CONSTRAINT "appointments_patient_key" CHECK ("appointments"."patient_key" = coalesce("appointments"."child_id", "appointments"."user_id")),
	CONSTRAINT "appointments_minutes" CHECK ("appointments"."minutes" > 0 and "appointments"."minutes" % 15 = 0),
	CONSTRAINT "appointments_local_date" CHECK ("appointments"."local_date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "appointments_local_time" CHECK ("appointments"."local_time" ~ '^([01][0-9]|2[0-3]):(00|15|30|45)$'),
	CONSTRAINT "appointments_time_zone_format" CHECK ("appointments"."time_zone" ~ '^[A-Za-z_]+/[A-Za-z_]+$'),
	CONSTRAINT "appointments_range" CHECK ("appointments"."ends_at" = "appointments"."starts_at" + make_interval(mins => "appointments"."minutes")),
	CONSTRAINT "appointments_contact_phone" CHECK ("appointments"."contact_phone" ~ '^\+79[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_scope_key_pk" PRIMARY KEY("user_id","scope","key"),
	CONSTRAINT "idempotency_keys_key" CHECK ("idempotency_keys"."key" ~ '^[A-Za-z0-9_-]{8,100}$')
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_ticket_number_key" ON "appointments" USING btree ("ticket_number");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_slot_booked_key" ON "appointments" USING btree ("slot_id") WHERE "appointments"."status" = 'booked';--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_referral_booked_key" ON "appointments" USING btree ("referral_id") WHERE "appointments"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "appointments_user_start" ON "appointments" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_one_hold_per_user" ON "slots" USING btree ("held_by_user_id") WHERE "slots"."status" = 'held';
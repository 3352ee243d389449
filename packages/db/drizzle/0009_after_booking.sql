CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"appointment_id" text,
	"referral_id" text,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_id_prefix" CHECK ("notifications"."id" ~ '^ntf_[a-z0-9]{8,40}$'),
	CONSTRAINT "notifications_kind" CHECK ("notifications"."kind" ~ '^[a-z_]{3,40}$')
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"referral_id" text NOT NULL,
	"patient_key" text NOT NULL,
	"specialty_code" text NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"clinic_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"doctor_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"offered_slot_id" text,
	"offer_expires_at" timestamp with time zone,
	"offers_made" integer DEFAULT 0 NOT NULL,
	"passed_slot_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"appointment_id" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_id_prefix" CHECK ("waitlist_entries"."id" ~ '^wl_[a-z0-9]{8,40}$'),
	CONSTRAINT "waitlist_entries_status" CHECK ("waitlist_entries"."status" in ('waiting', 'offered', 'booked', 'left', 'expired')),
	CONSTRAINT "waitlist_entries_offer" CHECK (("waitlist_entries"."status" = 'offered') = ("waitlist_entries"."offered_slot_id" is not null and "waitlist_entries"."offer_expires_at" is not null)),
	CONSTRAINT "waitlist_entries_booked" CHECK (("waitlist_entries"."status" = 'booked') = ("waitlist_entries"."appointment_id" is not null)),
	CONSTRAINT "waitlist_entries_ended" CHECK (("waitlist_entries"."status" in ('waiting', 'offered')) = ("waitlist_entries"."ended_at" is null)),
	CONSTRAINT "waitlist_entries_dates" CHECK ("waitlist_entries"."from_date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and "waitlist_entries"."to_date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and "waitlist_entries"."from_date" <= "waitlist_entries"."to_date")
);
--> statement-breakpoint
CREATE TABLE "priority_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"referral_id" text NOT NULL,
	"reason" text NOT NULL,
	"urgency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_user_id" text,
	"decision_reason" text,
	"appointment_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "priority_requests_id_prefix" CHECK ("priority_requests"."id" ~ '^prq_[a-z0-9]{8,40}$'),
	CONSTRAINT "priority_requests_urgency" CHECK ("priority_requests"."urgency" in ('normal', 'urgent')),
	CONSTRAINT "priority_requests_status" CHECK ("priority_requests"."status" in ('pending', 'approved', 'declined', 'withdrawn')),
	CONSTRAINT "priority_requests_reason" CHECK (char_length("priority_requests"."reason") between 10 and 1000),
	CONSTRAINT "priority_requests_approved" CHECK (("priority_requests"."status" = 'approved') = ("priority_requests"."appointment_id" is not null)),
	CONSTRAINT "priority_requests_declined" CHECK ("priority_requests"."status" <> 'declined' or char_length(coalesce("priority_requests"."decision_reason", '')) >= 5),
	CONSTRAINT "priority_requests_decided" CHECK (("priority_requests"."status" = 'pending') = ("priority_requests"."decided_at" is null)
        and ("priority_requests"."status" in ('approved', 'declined')) = ("priority_requests"."decided_by_user_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "visit_instructions" (
	"id" text PRIMARY KEY NOT NULL,
	"clinic_id" text,
	"specialty_code" text NOT NULL,
	"bring" text NOT NULL,
	"prepare" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_instructions_id_prefix" CHECK ("visit_instructions"."id" ~ '^vi_[a-z0-9_]{3,60}$'),
	CONSTRAINT "visit_instructions_bring" CHECK (char_length("visit_instructions"."bring") between 3 and 2000),
	CONSTRAINT "visit_instructions_prepare" CHECK (char_length("visit_instructions"."prepare") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "referral_events" DROP CONSTRAINT "referral_events_kind";--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "video_url_template" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "kind" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "visit_mode" text DEFAULT 'in_person' NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "rescheduled_to_id" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_offered_slot_id_slots_id_fk" FOREIGN KEY ("offered_slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_requests" ADD CONSTRAINT "priority_requests_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_requests" ADD CONSTRAINT "priority_requests_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_requests" ADD CONSTRAINT "priority_requests_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_instructions" ADD CONSTRAINT "visit_instructions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_instructions" ADD CONSTRAINT "visit_instructions_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_created" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_referral_live_key" ON "waitlist_entries" USING btree ("referral_id") WHERE "waitlist_entries"."status" in ('waiting', 'offered');--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_offered_slot_key" ON "waitlist_entries" USING btree ("offered_slot_id") WHERE "waitlist_entries"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "waitlist_entries_line" ON "waitlist_entries" USING btree ("specialty_code","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_requests_referral_pending_key" ON "priority_requests" USING btree ("referral_id") WHERE "priority_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "priority_requests_queue" ON "priority_requests" USING btree ("status","urgency","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_instructions_key" ON "visit_instructions" USING btree (coalesce("clinic_id", ''),"specialty_code");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_dedupe_key" ON "outbox_messages" USING btree ("dedupe_key");--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_video_url_template" CHECK ("clinics"."video_url_template" is null or "clinics"."video_url_template" ~ '^https://[^ ]*[{]appointmentId[}]');--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_kind" CHECK ("outbox_messages"."kind" ~ '^[a-z_]{3,40}$');--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_kind" CHECK ("referral_events"."kind" in ('issued', 'extended', 'matched', 'booked', 'rescheduled', 'cancelled', 'used', 'missed', 'expired', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_visit_mode" CHECK ("appointments"."visit_mode" in ('in_person', 'video'));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_cancelled" CHECK (("appointments"."status" = 'cancelled') = ("appointments"."cancelled_by" is not null)
        and ("appointments"."cancelled_by" is null or "appointments"."cancelled_by" in ('patient', 'clinic'))
        and ("appointments"."cancel_reason" is null or "appointments"."status" = 'cancelled'));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rescheduled" CHECK (("appointments"."status" = 'rescheduled') = ("appointments"."rescheduled_to_id" is not null));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_closed_at" CHECK (("appointments"."status" = 'booked') = ("appointments"."closed_at" is null));
CREATE TABLE "schedule_exceptions" (
	"id" text PRIMARY KEY NOT NULL,
	"doctor_id" text NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"from_time" text,
	"to_time" text,
	"breaks" jsonb,
	"visit_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_exceptions_date" CHECK ("schedule_exceptions"."date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "schedule_exceptions_kind" CHECK ("schedule_exceptions"."kind" in ('day_off', 'sick_leave', 'other_hours')),
	CONSTRAINT "schedule_exceptions_hours" CHECK (("schedule_exceptions"."kind" = 'other_hours' and "schedule_exceptions"."from_time" ~ '^(([01][0-9]|2[0-3]):(00|15|30|45)|24:00)$' and "schedule_exceptions"."to_time" ~ '^(([01][0-9]|2[0-3]):(00|15|30|45)|24:00)$' and "schedule_exceptions"."from_time" < "schedule_exceptions"."to_time" and jsonb_typeof("schedule_exceptions"."breaks") = 'array')
        or ("schedule_exceptions"."kind" <> 'other_hours' and "schedule_exceptions"."from_time" is null and "schedule_exceptions"."to_time" is null and "schedule_exceptions"."breaks" is null)),
	CONSTRAINT "schedule_exceptions_visit_minutes" CHECK ("schedule_exceptions"."visit_minutes" is null or ("schedule_exceptions"."kind" = 'other_hours' and "schedule_exceptions"."visit_minutes" > 0 and "schedule_exceptions"."visit_minutes" % 15 = 0))
);
--> statement-breakpoint
CREATE TABLE "schedule_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"doctor_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"from_time" text NOT NULL,
	"to_time" text NOT NULL,
	"breaks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visit_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_rules_weekday" CHECK ("schedule_rules"."weekday" between 1 and 7),
	CONSTRAINT "schedule_rules_times" CHECK ("schedule_rules"."from_time" ~ '^(([01][0-9]|2[0-3]):(00|15|30|45)|24:00)$' and "schedule_rules"."to_time" ~ '^(([01][0-9]|2[0-3]):(00|15|30|45)|24:00)$' and "schedule_rules"."from_time" < "schedule_rules"."to_time"),
	CONSTRAINT "schedule_rules_breaks" CHECK (jsonb_typeof("schedule_rules"."breaks") = 'array'),
	CONSTRAINT "schedule_rules_visit_minutes" CHECK ("schedule_rules"."visit_minutes" > 0 and "schedule_rules"."visit_minutes" % 15 = 0)
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" text PRIMARY KEY NOT NULL,
	"doctor_id" text NOT NULL,
	"local_date" text NOT NULL,
	"local_time" text NOT NULL,
	"time_zone" text NOT NULL,
	"minutes" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'free' NOT NULL,
	"held_by_user_id" text,
	"hold_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_status" CHECK ("slots"."status" in ('free', 'held', 'booked', 'blocked')),
	CONSTRAINT "slots_hold" CHECK (("slots"."status" = 'held') = ("slots"."held_by_user_id" is not null and "slots"."hold_expires_at" is not null)
        and ("slots"."status" = 'held' or ("slots"."held_by_user_id" is null and "slots"."hold_expires_at" is null))),
	CONSTRAINT "slots_minutes" CHECK ("slots"."minutes" > 0 and "slots"."minutes" % 15 = 0),
	CONSTRAINT "slots_local_date" CHECK ("slots"."local_date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "slots_local_time" CHECK ("slots"."local_time" ~ '^([01][0-9]|2[0-3]):(00|15|30|45)$'),
	CONSTRAINT "slots_time_zone_format" CHECK ("slots"."time_zone" ~ '^[A-Za-z_]+/[A-Za-z_]+$'),
	CONSTRAINT "slots_range" CHECK ("slots"."ends_at" = "slots"."starts_at" + make_interval(mins => "slots"."minutes"))
);
--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_rules" ADD CONSTRAINT "schedule_rules_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_held_by_user_id_user_id_fk" FOREIGN KEY ("held_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_exceptions_doctor_date_key" ON "schedule_exceptions" USING btree ("doctor_id","date");--> statement-breakpoint
CREATE INDEX "schedule_rules_doctor" ON "schedule_rules" USING btree ("doctor_id","weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_doctor_local_key" ON "slots" USING btree ("doctor_id","local_date","local_time");--> statement-breakpoint
CREATE INDEX "slots_status_start" ON "slots" USING btree ("status","starts_at");
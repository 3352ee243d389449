CREATE TABLE "clinics" (
	"id" text PRIMARY KEY NOT NULL,
	"short_name" text NOT NULL,
	"full_name" text NOT NULL,
	"ogrn" text NOT NULL,
	"address" text NOT NULL,
	"region" text NOT NULL,
	"time_zone" text NOT NULL,
	"registry_phone" text NOT NULL,
	"place_type" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinics_id_prefix" CHECK ("clinics"."id" ~ '^cln_[a-z0-9]{4,32}$'),
	CONSTRAINT "clinics_ogrn_format" CHECK ("clinics"."ogrn" ~ '^([15][0-9]{12}|3[0-9]{14})$'),
	CONSTRAINT "clinics_place_type" CHECK ("clinics"."place_type" in ('polyclinic', 'hospital', 'centre')),
	CONSTRAINT "clinics_time_zone_format" CHECK ("clinics"."time_zone" ~ '^[A-Za-z_]+/[A-Za-z_]+$'),
	CONSTRAINT "clinics_coordinates" CHECK ("clinics"."latitude" between -90 and 90 and "clinics"."longitude" between -180 and 180),
	CONSTRAINT "clinics_names_not_blank" CHECK (length(trim("clinics"."short_name")) > 0 and length(trim("clinics"."full_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "specialties" (
	"code" text PRIMARY KEY NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"patient_age" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "specialties_code_format" CHECK ("specialties"."code" ~ '^[a-z_]{2,40}$'),
	CONSTRAINT "specialties_patient_age" CHECK ("specialties"."patient_age" in ('any', 'child'))
);
--> statement-breakpoint
CREATE TABLE "specialty_relations" (
	"specialty_code" text NOT NULL,
	"related_code" text NOT NULL,
	CONSTRAINT "specialty_relations_specialty_code_related_code_pk" PRIMARY KEY("specialty_code","related_code"),
	CONSTRAINT "specialty_relations_not_self" CHECK ("specialty_relations"."specialty_code" <> "specialty_relations"."related_code")
);
--> statement-breakpoint
ALTER TABLE "specialty_relations" ADD CONSTRAINT "specialty_relations_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialty_relations" ADD CONSTRAINT "specialty_relations_related_code_specialties_code_fk" FOREIGN KEY ("related_code") REFERENCES "public"."specialties"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinics_ogrn_key" ON "clinics" USING btree ("ogrn");
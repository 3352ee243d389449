-- Encrypted values may be v2 (bound to their row: table, column and primary key in the AAD) as
-- well as legacy v1, which the rotate-data-key command rewrites as v2.
ALTER TABLE "patient_profiles" DROP CONSTRAINT "patient_profiles_encrypted";--> statement-breakpoint
ALTER TABLE "patient_profiles" ADD CONSTRAINT "patient_profiles_encrypted" CHECK (("patient_profiles"."passport_enc" is null or "patient_profiles"."passport_enc" ~ '^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$')
        and ("patient_profiles"."snils_enc" is null or "patient_profiles"."snils_enc" ~ '^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$')
        and ("patient_profiles"."enp_enc" is null or "patient_profiles"."enp_enc" ~ '^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'));--> statement-breakpoint
ALTER TABLE "children" DROP CONSTRAINT "children_encrypted";--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_encrypted" CHECK ("children"."birth_certificate_enc" ~ '^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
        and "children"."enp_enc" ~ '^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
        and ("children"."snils_enc" is null or "children"."snils_enc" ~ '^v[12]\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'));

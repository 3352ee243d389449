-- A patient is never in two places and a doctor never sees two patients at once: exclusion
-- constraints over the booked appointments' half-open [starts_at, ends_at) ranges (btree_gist for the
-- equality part). drizzle has no EXCLUDE in its schema DSL, hence this custom migration.
-- DEFERRABLE INITIALLY IMMEDIATE: checked at the end of each statement as usual, but the time-zone
-- maintenance command (`rederive-instants`) defers them to its commit, because moving every visit of
-- a doctor by the same offset row by row would otherwise collide with the not-yet-moved neighbour.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_no_overlap" EXCLUDE USING gist ("patient_key" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" = 'booked') DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_doctor_no_overlap" EXCLUDE USING gist ("doctor_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" = 'booked') DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "slots" DROP CONSTRAINT "slots_no_overlap";--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_no_overlap" EXCLUDE USING gist ("doctor_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'blocked') DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_status" CHECK ("response_status" between 0 and 599);

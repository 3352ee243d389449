-- One doctor's slots never overlap: equality on the doctor (btree_gist) and overlap of the half-open
-- [starts_at, ends_at) ranges. Blocked slots are out of it: they are not offered, and a schedule change
-- that shifts the grid blocks the old slots and opens new ones over the same time.
-- drizzle has no EXCLUDE in its schema DSL, hence this custom migration.
ALTER TABLE "slots" ADD CONSTRAINT "slots_no_overlap" EXCLUDE USING gist ("doctor_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'blocked');

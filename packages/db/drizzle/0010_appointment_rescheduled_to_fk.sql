-- A reschedule closes the old visit (status 'rescheduled', pointing at the new one) before the new
-- visit is inserted: one booked appointment per referral allows no other order. The reference is
-- therefore checked at commit.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rescheduled_to_id_fk" FOREIGN KEY ("rescheduled_to_id") REFERENCES "public"."appointments"("id") ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED;

-- Issue 8 (erasure): a referral is the issuing clinic's document and stays when the patient deletes
-- the account; this marks it as belonging to an erased account (its identifier hashes stay, for the
-- clinic, and nothing else in Priyom points at the person).
ALTER TABLE "referrals" ADD COLUMN "subject_erased_at" timestamp with time zone;

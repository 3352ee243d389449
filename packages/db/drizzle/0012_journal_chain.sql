-- The journal becomes tamper-evident: every row carries the hash of the row before it, computed by the
-- database itself so no code path can forget it, and rows can no longer be changed or removed.
ALTER TABLE "audit_events" ADD COLUMN "ip" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "object_type" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "object_id" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
-- Canonical text of a row: each field as "<length>:<text>" or "~" for null, so no value can be shifted into
-- its neighbour. apps/api/src/services/journal/verify.ts rebuilds exactly this text in Node.
CREATE FUNCTION "audit_event_canonical"(
	p_id bigint, p_at timestamptz, p_actor text, p_subject text, p_action text, p_result text,
	p_object_type text, p_object_id text, p_ip text, p_request_id text, p_details jsonb, p_prev_hash text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(CASE WHEN f IS NULL THEN '~' ELSE length(f)::text || ':' || f END, '|' ORDER BY n)
	FROM unnest(ARRAY[
		p_id::text,
		to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		p_actor, p_subject, p_action, p_result, p_object_type, p_object_id, p_ip, p_request_id,
		p_details::text, p_prev_hash
	]) WITH ORDINALITY AS t(f, n)
$$;--> statement-breakpoint
-- Chaining an existing journal in id order before the append-only rule exists.
DO $$
DECLARE
	r record;
	last_hash text := NULL;
BEGIN
	FOR r IN SELECT * FROM "audit_events" ORDER BY "id" LOOP
		UPDATE "audit_events" SET "prev_hash" = last_hash,
			"hash" = encode(sha256(convert_to("audit_event_canonical"(r.id, r.at, r.actor_user_id, r.subject_user_id,
				r.action, r.result, NULL, NULL, NULL, r.request_id, r.details, last_hash), 'UTF8')), 'hex')
		WHERE "id" = r.id
		RETURNING "hash" INTO last_hash;
	END LOOP;
END
$$;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_hash_format" CHECK ("audit_events"."hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
-- Journal writers are serialised by a transaction advisory lock held until commit, and the id is drawn
-- only under that lock, so id order is commit order and each row links to the newest committed row.
-- Read committed (the API's level) gives each query in this function a fresh snapshot after the wait.
CREATE FUNCTION "audit_events_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	last_hash text;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('audit_events_chain'));
	NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
	SELECT "hash" INTO last_hash FROM "audit_events" ORDER BY "id" DESC LIMIT 1;
	NEW.prev_hash := last_hash;
	NEW.hash := encode(sha256(convert_to("audit_event_canonical"(NEW.id, NEW.at, NEW.actor_user_id,
		NEW.subject_user_id, NEW.action, NEW.result, NEW.object_type, NEW.object_id, NEW.ip, NEW.request_id,
		NEW.details, NEW.prev_hash), 'UTF8')), 'hex');
	RETURN NEW;
END
$$;--> statement-breakpoint
-- The id is drawn only by the trigger (under the lock), so the column default would just waste numbers.
ALTER TABLE "audit_events" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();--> statement-breakpoint
-- Append-only: erasure keeps journal rows (they hold ids, never personal data), so nothing needs to change them.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();

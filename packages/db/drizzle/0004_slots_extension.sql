-- btree_gist lets one GiST index combine equality on doctor_id with range overlap (slots_no_overlap).
-- PGlite needs the extension passed at creation as well (client.ts); PostgreSQL needs postgresql-contrib.
CREATE EXTENSION IF NOT EXISTS btree_gist;

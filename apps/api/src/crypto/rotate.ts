import { children, patientProfiles, type Database } from "@priyom/db";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { DecryptionError, fieldContext, type EncryptedField, type FieldCipher } from "./field-cipher.ts";

/** One table with encrypted columns: its primary key (the row part of each value's context). */
interface EncryptedTable {
  name: string;
  table: PgTable;
  key: PgColumn;
  columns: { field: EncryptedField; column: PgColumn; property: string }[];
}

const TABLES: EncryptedTable[] = [
  {
    name: "patient_profiles",
    table: patientProfiles,
    key: patientProfiles.userId,
    columns: [
      {
        field: "patient_profiles.passport_enc",
        column: patientProfiles.passportEnc,
        property: "passportEnc",
      },
      { field: "patient_profiles.snils_enc", column: patientProfiles.snilsEnc, property: "snilsEnc" },
      { field: "patient_profiles.enp_enc", column: patientProfiles.enpEnc, property: "enpEnc" },
    ],
  },
  {
    name: "children",
    table: children,
    key: children.id,
    columns: [
      {
        field: "children.birth_certificate_enc",
        column: children.birthCertificateEnc,
        property: "birthCertificateEnc",
      },
      { field: "children.enp_enc", column: children.enpEnc, property: "enpEnc" },
      { field: "children.snils_enc", column: children.snilsEnc, property: "snilsEnc" },
    ],
  },
];

export interface RotationCounts {
  /** Rows whose values were all rewritten under the current key. */
  rewritten: number;
  /** Rows changed by someone else between read and write: left alone (their new value is current). */
  changedConcurrently: number;
  /** Rows with a value that does not decrypt (altered or moved): left as they are, for an operator. */
  undecryptable: number;
}

/**
 * Re-encrypts every encrypted value not yet in the current format under the current key (`v1`
 * values, or `v2` under an older key), `batchSize` rows a transaction, walking each table once by
 * primary key. Each row is written only if its values are still the ones read (compare-and-set), so
 * an edit made meanwhile by the running API is never overwritten. Look-up hashes are not touched:
 * they derive from the keyring's hash root, which rotation keeps. Running it again changes nothing.
 */
export async function rotateDataKey(
  deps: { db: Database; cipher: FieldCipher },
  options: {
    batchSize?: number;
    onBatch?: (table: string, counts: RotationCounts) => void;
    /** Called between reading a batch and writing it (tests use it to edit a row in that window). */
    afterRead?: (table: string, rowKeys: string[]) => Promise<void>;
  } = {},
): Promise<Record<string, RotationCounts>> {
  const batchSize = options.batchSize ?? 500;
  const result: Record<string, RotationCounts> = {};
  for (const spec of TABLES) {
    const counts: RotationCounts = { rewritten: 0, changedConcurrently: 0, undecryptable: 0 };
    result[spec.name] = counts;
    // LIKE pattern: "_" (allowed in key ids) is a wildcard there, so it is escaped.
    const current = `${deps.cipher.currentPrefix().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    // A value needs rewriting when it is present and does not start with "v2.<current key>.".
    const stale = or(
      ...spec.columns.map((c) => and(sql`${c.column} is not null`, sql`${c.column} not like ${current}`)),
    );
    let after: string | null = null;
    for (;;) {
      const rows = (await deps.db
        .select({ key: spec.key, ...Object.fromEntries(spec.columns.map((c) => [c.property, c.column])) })
        .from(spec.table)
        .where(after === null ? stale : and(stale, gt(spec.key, after)))
        .orderBy(asc(spec.key))
        .limit(batchSize)) as ({ key: string } & Record<string, string | null>)[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.key ?? null;
      await options.afterRead?.(
        spec.name,
        rows.map((r) => r.key),
      );
      await deps.db.transaction(async (tx) => {
        for (const row of rows) {
          const next: Record<string, string> = {};
          let broken = false;
          for (const c of spec.columns) {
            const stored = row[c.property];
            if (stored === null || stored === undefined || deps.cipher.isCurrent(stored)) continue;
            const context = fieldContext(c.field, row.key);
            try {
              next[c.property] = deps.cipher.encrypt(deps.cipher.decrypt(stored, context), context);
            } catch (error) {
              if (!(error instanceof DecryptionError)) throw error;
              broken = true;
            }
          }
          if (broken) {
            counts.undecryptable++;
            continue;
          }
          // Compare-and-set: every encrypted column still holds what was read.
          const unchanged = spec.columns.map((c) => {
            const stored = row[c.property];
            return stored === null || stored === undefined ? isNull(c.column) : eq(c.column, stored);
          });
          const updated = await tx
            .update(spec.table)
            .set(next)
            .where(and(eq(spec.key, row.key), ...unchanged))
            .returning({ key: spec.key });
          if (updated.length === 1) counts.rewritten++;
          else counts.changedConcurrently++;
        }
      });
      options.onBatch?.(spec.name, counts);
    }
  }
  return result;
}

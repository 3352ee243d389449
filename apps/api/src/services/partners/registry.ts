import { partners, type Database } from "@priyom/db";
import { isNull } from "drizzle-orm";

/** A partner whose widgets may call the API now. */
export interface LivePartner {
  id: string;
  name: string;
  origin: string;
}

/**
 * The live partners' origins, read from the database and kept for a few seconds: every API request
 * with a foreign `Origin` asks it, so it must not cost a query each time. A change made through
 * this process's admin routes calls `invalidate()` and counts at once; a change made by another
 * process (or by SQL) is seen when the copy expires — no restart either way.
 */
export class PartnerRegistry {
  private cached: { loadedAt: number; byOrigin: Map<string, LivePartner> } | null = null;
  private loading: Promise<Map<string, LivePartner>> | null = null;
  /** Bumped by `invalidate()`, so a read that started before a change cannot store stale rows. */
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
  ) {}

  /** The live partner registered for `origin` (already normalised, as browsers send it), if any. */
  async byOrigin(origin: string): Promise<LivePartner | null> {
    return (await this.live()).get(origin) ?? null;
  }

  /** Every live partner's origin (the auth library's trusted origins include them). */
  async origins(): Promise<string[]> {
    return [...(await this.live()).keys()];
  }

  /** Forgets the copy: the next question reads the database. */
  invalidate(): void {
    this.generation += 1;
    this.cached = null;
    this.loading = null;
  }

  private live(): Promise<Map<string, LivePartner>> {
    if (this.cached && Date.now() - this.cached.loadedAt < this.ttlMs) {
      return Promise.resolve(this.cached.byOrigin);
    }
    // Concurrent requests after expiry share one query.
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<Map<string, LivePartner>> {
    const generation = this.generation;
    try {
      const rows = await this.db
        .select({ id: partners.id, name: partners.name, origin: partners.origin })
        .from(partners)
        .where(isNull(partners.revokedAt));
      const byOrigin = new Map(rows.map((row) => [row.origin, row]));
      if (generation === this.generation) this.cached = { loadedAt: Date.now(), byOrigin };
      return byOrigin;
    } finally {
      if (generation === this.generation) this.loading = null;
    }
  }
}

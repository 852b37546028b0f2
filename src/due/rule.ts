import type { Db } from '../db/connection';
import type { DueContext, DueItem, DueParticipant } from '../domain/due';
import type { EffectiveRules } from '../domain/profiles';

/**
 * A due rule: one set-based query for many participants, then a pure evaluation, so 200
 * digests over 20,000 participants stay fast. Register it in src/due/registry.ts.
 */
export interface DueRule<Loaded = unknown> {
  id: string;
  /** The policy the rule enforces, in words, with its source. */
  policy: string;
  /** Whether the rule applies to a participant held to these (strictest) program rules. */
  appliesTo(rules: EffectiveRules): boolean;
  load(db: Db, participantIds: readonly number[], ctx: DueContext): Loaded;
  evaluate(loaded: Loaded, participants: readonly DueParticipant[], ctx: DueContext): DueItem[];
}

/** Splits an id list so one `IN (…)` never passes SQLite's variable limit. */
export function chunks<T>(list: readonly T[], size = 900): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

// Releases of information, participant × partner organization. Participant data: every read and
// write for an Actor asks src/domain/access.ts first (a refusal is "not found") and is audited
// (`release-add`, `release-revoke`, and `read` for readers who are not assigned) with ids only.
// A release is a signed document: once recorded only its revocation is ever written (migration
// 0007 makes the database refuse anything else); a correction is a revocation plus a new row.
import { and, asc, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { decideAccess, mustAudit, type Actor } from '../domain/access';
import {
  SHARE_SCOPES,
  releaseDraftProblems,
  revocationProblems,
  type ReleaseFacts,
  type ReleaseFieldErrors,
  type ShareScope,
} from '../domain/release-gate';
import { recordAudit } from './audit';
import { inTransaction, type Db } from './connection';
import { accessFacts } from './participants';
import { participants, partners, releases } from './schema';

export type ReleaseRow = typeof releases.$inferSelect;

/** `participant_id IN (…)` with the whole list bound as one JSON parameter: one query for any caseload size. */
const participantIn = (ids: readonly number[]) => sql`${releases.participantId} in (select value from json_each(${JSON.stringify(ids)}))`;

export interface ReleaseContext {
  now: Date;
  /** The actor's local date: "not in the future" is judged by it. */
  today: string;
}

export interface NewRelease {
  participantId: number;
  partnerId: number;
  signedDate: string;
  /** Valid through this date; the form defaults it from the profile (defaultReleaseExpiry). */
  expiryDate: string;
  /** What the signed release allows; 'medical' only when it says so explicitly. */
  scopes: readonly string[];
  /** Where the signed paper or scan is kept. */
  documentLocation: string | null;
}

export type NotFound = { kind: 'not-found' };
export type Invalid = { kind: 'invalid'; errors: ReleaseFieldErrors };
const NOT_FOUND: NotFound = { kind: 'not-found' };

/** The scope flags of a stored release, in SHARE_SCOPES order. */
export function scopesOf(row: Pick<ReleaseRow, 'shareContactDetails' | 'shareEmploymentPlan' | 'shareAssessmentResults' | 'shareCaseNotes' | 'shareMedical'>): ShareScope[] {
  const flags: Record<ShareScope, boolean> = {
    contact_details: row.shareContactDetails,
    employment_plan: row.shareEmploymentPlan,
    assessment_results: row.shareAssessmentResults,
    case_notes: row.shareCaseNotes,
    medical: row.shareMedical,
  };
  return SHARE_SCOPES.filter((s) => flags[s]);
}

function scopeColumns(scopes: readonly string[]) {
  return {
    shareContactDetails: scopes.includes('contact_details'),
    shareEmploymentPlan: scopes.includes('employment_plan'),
    shareAssessmentResults: scopes.includes('assessment_results'),
    shareCaseNotes: scopes.includes('case_notes'),
    shareMedical: scopes.includes('medical'),
  };
}

function factsOf(row: ReleaseRow): ReleaseFacts {
  return { partnerId: row.partnerId, signedDate: row.signedDate, expiryDate: row.expiryDate, revokedDate: row.revokedDate, scopes: scopesOf(row) };
}

function decide(db: Db, actor: Actor, participantId: number, action: 'read' | 'write') {
  const exists = db.select({ id: participants.id }).from(participants).where(eq(participants.id, participantId)).get();
  if (!exists) return null;
  const decision = decideAccess(actor, accessFacts(db, participantId), action);
  return decision.allowed ? decision : null;
}

const hasErrors = (e: object) => Object.keys(e).length > 0;

/**
 * Records a signed release. The same release recorded twice (same partner, signed date, expiry
 * and scopes, not revoked — a double submit) is not stored again: the first one is returned.
 */
export function recordRelease(db: Db, actor: Actor, input: NewRelease, ctx: ReleaseContext): ({ kind: 'ok'; releaseId: number; duplicate: boolean }) | NotFound | Invalid {
  return inTransaction(db, () => {
    const decision = decide(db, actor, input.participantId, 'write');
    if (!decision) return NOT_FOUND;
    const errors = releaseDraftProblems({ signedDate: input.signedDate, expiryDate: input.expiryDate, scopes: input.scopes, documentLocation: input.documentLocation }, ctx.today);
    const partner = Number.isSafeInteger(input.partnerId) ? db.select().from(partners).where(eq(partners.id, input.partnerId)).get() : undefined;
    if (!partner) errors.partnerId = 'Pick the partner organization from the directory.';
    else if (!partner.active) errors.partnerId = `${partner.name} is turned off in the directory: turn it back on first.`;
    if (hasErrors(errors)) return { kind: 'invalid', errors };

    const columns = scopeColumns(input.scopes);
    const same = db
      .select({ id: releases.id })
      .from(releases)
      .where(
        and(
          eq(releases.participantId, input.participantId),
          eq(releases.partnerId, input.partnerId),
          eq(releases.signedDate, input.signedDate),
          eq(releases.expiryDate, input.expiryDate),
          isNull(releases.revokedDate),
          ...Object.entries(columns).map(([k, v]) => eq(releases[k as keyof typeof columns], v)),
        ),
      )
      .get();
    if (same) return { kind: 'ok', releaseId: same.id, duplicate: true };

    const releaseId = db
      .insert(releases)
      .values({
        participantId: input.participantId,
        partnerId: input.partnerId,
        signedDate: input.signedDate,
        expiryDate: input.expiryDate,
        ...columns,
        documentLocation: input.documentLocation?.trim() || null,
        recordedAt: ctx.now.toISOString(),
        recordedBy: actor.staffId,
      })
      .returning({ id: releases.id })
      .get().id;
    recordAudit(db, ctx.now, [
      {
        actorId: actor.staffId,
        action: 'release-add',
        entity: 'participant',
        entityId: input.participantId,
        basis: decision.basis,
        detail: { release: releaseId, partner: input.partnerId, scopes: scopesOf(columns).join(',') },
      },
    ]);
    return { kind: 'ok', releaseId, duplicate: false };
  });
}

/** Revokes a release from `revokedDate` on (the participant withdrew consent, or it was recorded by mistake). Once. */
export function revokeRelease(
  db: Db,
  actor: Actor,
  releaseId: number,
  revocation: { revokedDate: string; reason: string },
  ctx: ReleaseContext,
): { kind: 'ok'; participantId: number; partnerId: number } | { kind: 'already-revoked'; revokedDate: string } | NotFound | Invalid {
  return inTransaction(db, () => {
    const row = db.select().from(releases).where(eq(releases.id, releaseId)).get();
    if (!row) return NOT_FOUND;
    const decision = decide(db, actor, row.participantId, 'write');
    if (!decision) return NOT_FOUND;
    if (row.revokedDate) return { kind: 'already-revoked', revokedDate: row.revokedDate };
    const errors = revocationProblems(row, revocation, ctx.today);
    if (hasErrors(errors)) return { kind: 'invalid', errors };
    db.update(releases).set({ revokedDate: revocation.revokedDate, revokedReason: revocation.reason.trim(), revokedBy: actor.staffId }).where(eq(releases.id, releaseId)).run();
    recordAudit(db, ctx.now, [
      { actorId: actor.staffId, action: 'release-revoke', entity: 'participant', entityId: row.participantId, basis: decision.basis, detail: { release: releaseId, partner: row.partnerId } },
    ]);
    return { kind: 'ok', participantId: row.participantId, partnerId: row.partnerId };
  });
}

export interface ReleaseListItem extends ReleaseRow {
  partnerName: string;
  scopes: ShareScope[];
}

/**
 * The participant's releases, newest signature first (revoked and expired ones included: the
 * file keeps them). Audited as a `read` for readers who are not assigned.
 */
export function releasesFor(db: Db, actor: Actor, participantId: number, ctx: Pick<ReleaseContext, 'now'>): { kind: 'ok'; releases: ReleaseListItem[] } | NotFound {
  return inTransaction(db, () => {
    const decision = decide(db, actor, participantId, 'read');
    if (!decision) return NOT_FOUND;
    if (mustAudit(decision, 'read')) {
      recordAudit(db, ctx.now, [{ actorId: actor.staffId, action: 'read', entity: 'participant', entityId: participantId, basis: decision.basis, detail: { releases: participantId } }]);
    }
    const rows = db
      .select({ release: releases, partnerName: partners.name })
      .from(releases)
      .innerJoin(partners, eq(partners.id, releases.partnerId))
      .where(eq(releases.participantId, participantId))
      .orderBy(desc(releases.signedDate), desc(releases.id))
      .all();
    return { kind: 'ok', releases: rows.map((r) => ({ ...r.release, partnerName: r.partnerName, scopes: scopesOf(r.release) })) };
  });
}

/** One release with its participant (for the revoke form, which checks access itself). */
export function releaseById(db: Db, actor: Actor, releaseId: number, now: Date): ReleaseListItem | null {
  const row = db.select({ release: releases, partnerName: partners.name }).from(releases).innerJoin(partners, eq(partners.id, releases.partnerId)).where(eq(releases.id, releaseId)).get();
  const decision = row ? decide(db, actor, row.release.participantId, 'read') : null;
  if (!row || !decision) return null;
  if (mustAudit(decision, 'read')) {
    recordAudit(db, now, [{ actorId: actor.staffId, action: 'read', entity: 'participant', entityId: row.release.participantId, basis: decision.basis, detail: { release: releaseId } }]);
  }
  return { ...row.release, partnerName: row.partnerName, scopes: scopesOf(row.release) };
}

/**
 * Every release of a participant as the gate reads it. Internal: for the IRT flow after its own
 * access check, and for the system work that follows a committed write. Not audited here.
 */
export function releaseFactsFor(db: Db, participantId: number): ReleaseFacts[] {
  return db.select().from(releases).where(eq(releases.participantId, participantId)).orderBy(asc(releases.id)).all().map(factsOf);
}

export interface ExpiringRelease extends ReleaseFacts {
  id: number;
  participantId: number;
  partnerName: string;
  /** The same participant's other releases for the same partner that expire later (renewals). */
  later: ReleaseFacts[];
}

/**
 * Releases of these participants expiring between `fromDate` and `toDate` (inclusive) and not
 * revoked by `fromDate`, each with the later releases for the same partner, so the due rule can
 * tell whether a renewal already covers the days after. Two queries for any number of
 * participants (releases_gate_idx).
 */
export function releasesExpiringFor(db: Db, participantIds: readonly number[], fromDate: string, toDate: string): ExpiringRelease[] {
  if (participantIds.length === 0) return [];
  const expiring = db
    .select({ release: releases, partnerName: partners.name })
    .from(releases)
    .innerJoin(partners, eq(partners.id, releases.partnerId))
    .where(
      and(
        participantIn(participantIds),
        gte(releases.expiryDate, fromDate),
        lte(releases.expiryDate, toDate),
        or(isNull(releases.revokedDate), gt(releases.revokedDate, fromDate)),
      ),
    )
    .orderBy(asc(releases.expiryDate), asc(releases.id))
    .all();
  if (expiring.length === 0) return [];
  const others = db
    .select()
    .from(releases)
    .where(and(participantIn([...new Set(expiring.map((e) => e.release.participantId))]), gt(releases.expiryDate, fromDate)))
    .all();
  return expiring.map(({ release, partnerName }) => ({
    id: release.id,
    participantId: release.participantId,
    partnerName,
    ...factsOf(release),
    later: others.filter((o) => o.id !== release.id && o.participantId === release.participantId && o.partnerId === release.partnerId && o.expiryDate > release.expiryDate).map(factsOf),
  }));
}

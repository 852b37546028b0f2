// Releases of information on a real SQLite file: recorded and revoked only by staff who may see the
// participant, audited with ids only, kept forever (the database refuses any other change), and
// read back as the gate and the due rule need them.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant } from '../../src/db/participants';
import { addPartner, setPartnerActive } from '../../src/db/partners';
import { recordRelease, releaseById, releaseFactsFor, releasesExpiringFor, releasesFor, revokeRelease, type NewRelease, type ReleaseContext } from '../../src/db/releases';
import { auditLog, releases } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';
import { dueContext, dueItemsFor } from '../../src/due/engine';
import { addStaff, tempDatabase } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const NOW = new Date('2026-11-23T16:00:00Z');
const ctx: ReleaseContext = { now: NOW, today: '2026-11-23' };

describe('releases of information', () => {
  let t: ReturnType<typeof tempDatabase>;
  let worker: Actor, outsider: Actor, supervisor: Actor;
  let maria: number, jose: number;
  let goodwill: number, housing: number;

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'SA', { role: 'supervisor' });
    addStaff(t.db, 'W1', { supervisorId: 'SA' });
    addStaff(t.db, 'W2');
    const actor = (id: string) => actorFor(getStaff(t.db, id)!, new Set());
    worker = actor('W1');
    outsider = actor('W2');
    supervisor = actor('SA');
    maria = enrollParticipant(t.db, worker, newParticipant('W1'), NOW);
    jose = enrollParticipant(t.db, worker, newParticipant('W1', { fullName: 'José Pérez' }), NOW);
    const p = (name: string) => {
      const r = addPartner(t.db, worker, { name, kind: 'community_provider' }, NOW);
      if (r.kind !== 'ok') throw new Error('partner');
      return r.partnerId;
    };
    goodwill = p('Goodwill');
    housing = p('Housing Authority');
  });
  afterEach(() => t.cleanup());

  const draft = (over: Partial<NewRelease> = {}): NewRelease => ({
    participantId: maria,
    partnerId: goodwill,
    signedDate: '2026-11-20',
    expiryDate: '2027-11-20',
    scopes: ['contact_details', 'employment_plan'],
    documentLocation: 'Scanned to the shared drive',
    ...over,
  });
  const record = (over: Partial<NewRelease> = {}) => {
    const r = recordRelease(t.db, worker, draft(over), ctx);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    return r.releaseId;
  };

  it('the case manager records a release; the audit row holds ids and scope names only', () => {
    const id = record();
    expect(t.db.select().from(releases).where(eq(releases.id, id)).get()).toMatchObject({
      participantId: maria,
      partnerId: goodwill,
      shareContactDetails: true,
      shareEmploymentPlan: true,
      shareAssessmentResults: false,
      shareCaseNotes: false,
      shareMedical: false,
      revokedDate: null,
      recordedBy: 'W1',
      recordedAt: NOW.toISOString(),
    });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'release-add')).all();
    expect(audit).toEqual([expect.objectContaining({ entity: 'participant', entityId: String(maria), basis: 'assigned' })]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ release: id, partner: goodwill, scopes: 'contact_details,employment_plan' });
  });

  it('medical detail is stored only when ticked', () => {
    const without = record();
    const withMedical = record({ partnerId: housing, scopes: ['medical'] });
    expect(releaseFactsFor(t.db, maria)).toEqual([
      { partnerId: goodwill, signedDate: '2026-11-20', expiryDate: '2027-11-20', revokedDate: null, scopes: ['contact_details', 'employment_plan'] },
      { partnerId: housing, signedDate: '2026-11-20', expiryDate: '2027-11-20', revokedDate: null, scopes: ['medical'] },
    ]);
    expect([without, withMedical]).toHaveLength(2);
  });

  it('someone who may not see the participant gets "not found", and nothing is written', () => {
    expect(recordRelease(t.db, outsider, draft(), ctx)).toEqual({ kind: 'not-found' });
    expect(recordRelease(t.db, worker, draft({ participantId: 9999 }), ctx)).toEqual({ kind: 'not-found' });
    expect(t.db.select().from(releases).all()).toEqual([]);
  });

  it('refuses what a signed release cannot be, in words, and writes nothing', () => {
    expect(recordRelease(t.db, worker, draft({ signedDate: '2026-11-24', expiryDate: '2026-11-24', scopes: [], partnerId: 777 }), ctx)).toEqual({
      kind: 'invalid',
      errors: {
        signedDate: expect.stringContaining('future'),
        expiryDate: expect.stringContaining('after the day it was signed'),
        scopes: expect.stringContaining('at least one'),
        partnerId: expect.stringContaining('directory'),
      },
    });
    setPartnerActive(t.db, worker, housing, false, NOW);
    expect(recordRelease(t.db, worker, draft({ partnerId: housing }), ctx)).toMatchObject({ kind: 'invalid', errors: { partnerId: expect.stringContaining('turned off') } });
    expect(t.db.select().from(releases).all()).toEqual([]);
  });

  it('a double submit records the release once', () => {
    const first = recordRelease(t.db, worker, draft(), ctx);
    const second = recordRelease(t.db, worker, draft(), ctx);
    expect(first).toMatchObject({ kind: 'ok', duplicate: false });
    expect(second).toEqual({ kind: 'ok', releaseId: (first as { releaseId: number }).releaseId, duplicate: true });
    expect(t.db.select().from(releases).all()).toHaveLength(1);
    // A different scope is a different release.
    expect(recordRelease(t.db, worker, draft({ scopes: ['contact_details'] }), ctx)).toMatchObject({ kind: 'ok', duplicate: false });
  });

  it('a release is revoked once, with a date and reason; the audit row has no reason text', () => {
    const id = record();
    expect(revokeRelease(t.db, outsider, id, { revokedDate: '2026-11-23', reason: 'Participant withdrew consent' }, ctx)).toEqual({ kind: 'not-found' });
    expect(revokeRelease(t.db, worker, id, { revokedDate: '2026-11-19', reason: 'x' }, ctx)).toMatchObject({ kind: 'invalid', errors: { revokedDate: expect.stringContaining('before the release was signed') } });
    expect(revokeRelease(t.db, worker, id, { revokedDate: '2026-11-23', reason: 'Participant withdrew consent' }, ctx)).toEqual({ kind: 'ok', participantId: maria, partnerId: goodwill });
    expect(revokeRelease(t.db, worker, id, { revokedDate: '2026-11-23', reason: 'again' }, ctx)).toEqual({ kind: 'already-revoked', revokedDate: '2026-11-23' });
    expect(t.db.select().from(releases).where(eq(releases.id, id)).get()).toMatchObject({ revokedDate: '2026-11-23', revokedReason: 'Participant withdrew consent', revokedBy: 'W1' });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'release-revoke')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain('consent');
  });

  it('the database itself keeps a release as signed: no change but one revocation, no delete', () => {
    const id = record();
    const sqlite = t.db.$client;
    expect(() => sqlite.prepare('update releases set signed_date = ? where id = ?').run('2026-11-01', id)).toThrow(/can only be revoked, once/);
    expect(() => sqlite.prepare('update releases set expiry_date = ? where id = ?').run('2028-11-20', id)).toThrow(/can only be revoked, once/);
    expect(() => sqlite.prepare('update releases set share_medical = 1 where id = ?').run(id)).toThrow(/can only be revoked, once/);
    expect(() => sqlite.prepare('delete from releases where id = ?').run(id)).toThrow(/releases are kept/);
    sqlite.prepare("update releases set revoked_date = '2026-11-22', revoked_reason = 'r', revoked_by = 'W1' where id = ?").run(id);
    expect(() => sqlite.prepare("update releases set revoked_date = '2026-11-23' where id = ?").run(id)).toThrow(/can only be revoked, once/);
    expect(() => sqlite.prepare("insert into releases (participant_id, partner_id, signed_date, expiry_date, recorded_at, recorded_by) values (?, ?, '2026-11-20', '2026-11-20', 'x', 'x')").run(maria, goodwill)).toThrow(/CHECK/);
  });

  it('lists the participant’s releases, newest first, with partner names; a supervisor’s read is audited, an outsider sees nothing', () => {
    record({ signedDate: '2025-11-01', expiryDate: '2026-11-01' });
    const newer = record({ partnerId: housing });
    const list = releasesFor(t.db, worker, maria, ctx);
    expect(list.kind).toBe('ok');
    if (list.kind !== 'ok') return;
    expect(list.releases.map((r) => [r.partnerName, r.signedDate, r.scopes])).toEqual([
      ['Housing Authority', '2026-11-20', ['contact_details', 'employment_plan']],
      ['Goodwill', '2025-11-01', ['contact_details', 'employment_plan']],
    ]);
    expect(list.releases[0]!.id).toBe(newer);
    const readsBefore = t.db.select().from(auditLog).where(eq(auditLog.action, 'read')).all().length;
    expect(readsBefore).toBe(0);
    expect(releasesFor(t.db, supervisor, maria, ctx).kind).toBe('ok');
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'read')).all()).toEqual([expect.objectContaining({ actorId: 'SA', basis: 'supervisor', entityId: String(maria) })]);
    expect(releasesFor(t.db, outsider, maria, ctx)).toEqual({ kind: 'not-found' });
  });

  it('one release opened by a supervisor (the revoke form) is an audited read; the case manager’s is not; an outsider gets nothing', () => {
    const id = record();
    const reads = () => t.db.select().from(auditLog).where(eq(auditLog.action, 'read')).all();
    expect(releaseById(t.db, worker, id, ctx.now)?.partnerId).toBe(goodwill);
    expect(reads()).toHaveLength(0);
    expect(releaseById(t.db, supervisor, id, ctx.now)?.id).toBe(id);
    expect(reads().map((a) => [a.actorId, a.basis, JSON.parse(a.detail!)])).toEqual([['SA', 'supervisor', { release: id }]]);
    expect(releaseById(t.db, outsider, id, ctx.now)).toBeNull();
    expect(reads()).toHaveLength(1);
  });

  it('finds releases expiring in a window for a caseload, each with the later releases for the same partner', () => {
    const soon = record({ signedDate: '2025-12-10', expiryDate: '2026-12-10' });
    const renewal = record({ signedDate: '2026-11-20', expiryDate: '2027-11-20', scopes: ['contact_details'] });
    const housingSoon = record({ partnerId: housing, signedDate: '2025-12-01', expiryDate: '2026-12-20' });
    const revoked = record({ participantId: jose, signedDate: '2025-12-05', expiryDate: '2026-12-05' });
    revokeRelease(t.db, worker, revoked, { revokedDate: '2026-11-23', reason: 'withdrawn' }, ctx);
    record({ participantId: jose, signedDate: '2026-01-05', expiryDate: '2027-01-05' }); // outside the window
    record({ participantId: jose, signedDate: '2025-11-01', expiryDate: '2026-11-22' }); // already expired

    const found = releasesExpiringFor(t.db, [maria, jose], '2026-11-23', '2026-12-23');
    expect(found.map((r) => [r.id, r.participantId, r.partnerName, r.expiryDate])).toEqual([
      [soon, maria, 'Goodwill', '2026-12-10'],
      [housingSoon, maria, 'Housing Authority', '2026-12-20'],
    ]);
    expect(found[0]!.later).toEqual([{ partnerId: goodwill, signedDate: '2026-11-20', expiryDate: '2027-11-20', revokedDate: null, scopes: ['contact_details'] }]);
    expect(found[1]!.later).toEqual([]);
    expect(renewal).toBeGreaterThan(soon);
    expect(releasesExpiringFor(t.db, [jose], '2026-11-23', '2026-12-23')).toEqual([]);
    expect(releasesExpiringFor(t.db, [], '2026-11-23', '2026-12-23')).toEqual([]);
  });

  it('the due engine shows an expiring release on the caseload until a renewal is recorded', () => {
    const expiringSoon = record({ signedDate: '2025-12-10', expiryDate: '2026-12-10' });
    const releaseItems = () =>
      (dueItemsFor(t.db, [maria, jose], DEFAULT_PROFILES, dueContext(NOW, 'America/Chicago')).get(maria) ?? []).filter((i) => i.ruleId === 'release-expiring');
    expect(releaseItems()).toEqual([
      expect.objectContaining({ key: `release-expiring:${maria}:release-${expiringSoon}:2026-12-10`, severity: 'due_soon', title: 'Release for Goodwill expires Dec 10, 2026' }),
    ]);
    record({ signedDate: '2026-11-23', expiryDate: '2027-11-23' });
    expect(releaseItems()).toEqual([]);
  });
});

import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveNote } from '../../src/db/notes';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import {
  acknowledgePlanVersion,
  addAssessment,
  addGoal,
  addNeed,
  addReferral,
  addService,
  completeService,
  extendService,
  readPlan,
  readPlanVersion,
  recordPlanPdf,
  reviewPlan,
  updateGoalStatus,
  updateNeedStatus,
  updateReferralStatus,
  type NewGoal,
  type PlanContext,
} from '../../src/db/plan';
import {
  assessments,
  auditLog,
  goals,
  needs,
  planAcknowledgments,
  planVersionItems,
  planVersions,
  processedSlackRequests,
  referralNeeds,
  referrals,
  serviceExtensions,
  serviceNeeds,
  services,
} from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import type { PlanSnapshot } from '../../src/domain/plan';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';
import { addStaff, tempDatabase } from '../harness/db';
import { newParticipant } from '../harness/fixtures';

const NOW = new Date('2026-11-23T16:00:00Z'); // 10:00 in Chicago
const ctx: PlanContext = { profiles: DEFAULT_PROFILES, now: NOW, today: '2026-11-23' };

function person(caseManager: string, overrides: Partial<NewParticipant> = {}): NewParticipant {
  return newParticipant(caseManager, overrides);
}

function goalFor(participantId: number, overrides: Partial<NewGoal> = {}): NewGoal {
  return {
    participantId,
    term: 'long',
    specific: 'Obtain a commercial driver’s license (CDL class A)',
    measure: 'CDL issued by the state DMV',
    attainableRelevant: 'Clean driving record; trucking jobs are in demand locally',
    targetDate: '2027-05-31',
    ...overrides,
  };
}

describe('the plan on a real SQLite file', () => {
  let t: ReturnType<typeof tempDatabase>;
  let worker: Actor, other: Actor, supervisor: Actor;
  let maria: number, jose: number, amina: number;

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'SA', { role: 'supervisor' });
    addStaff(t.db, 'W1', { supervisorId: 'SA', name: 'Dana' });
    addStaff(t.db, 'W2', { name: 'Sam' });
    const a = (id: string) => actorFor(getStaff(t.db, id)!, new Set());
    [worker, other, supervisor] = [a('W1'), a('W2'), a('SA')];
    maria = enrollParticipant(t.db, worker, person('W1'), NOW);
    jose = enrollParticipant(t.db, other, person('W2', { fullName: 'José Pérez' }), NOW);
    amina = enrollParticipant(t.db, worker, person('W1', { fullName: 'Amina Yusuf', programs: [{ profileId: 'refugee-ss', enrollmentDate: '2026-10-05' }] }), NOW);
  });
  afterEach(() => t.cleanup());

  /** An assessment that found one need; returns the need id. */
  function assessedNeed(participantId: number, category = 'transportation', actor = worker): number {
    const r = addAssessment(
      t.db,
      actor,
      { participantId, assessmentDate: '2026-11-20', tool: 'interview', summary: 'Intake interview; barriers discussed.', needs: [{ category, description: 'No reliable way to reach training' }] },
      ctx,
    );
    if (r.kind !== 'ok') throw new Error(`assessment failed: ${JSON.stringify(r)}`);
    return r.needIds[0]!;
  }

  const versions = (participantId: number) =>
    t.db.select().from(planVersions).where(eq(planVersions.participantId, participantId)).orderBy(asc(planVersions.versionNo)).all();
  const itemsOf = (versionId: number) =>
    t.db
      .select({ kind: planVersionItems.itemKind, id: planVersionItems.itemId })
      .from(planVersionItems)
      .where(eq(planVersionItems.planVersionId, versionId))
      .orderBy(asc(planVersionItems.itemKind), asc(planVersionItems.itemId))
      .all();

  it('need → service → completed with its outcome → need met → a new version awaiting acknowledgment', () => {
    const needId = assessedNeed(maria);
    expect(t.db.select().from(needs).where(eq(needs.id, needId)).get()).toMatchObject({ source: 'assessment', status: 'open', metDate: null });

    const added = addService(
      t.db,
      worker,
      { participantId: maria, serviceCode: 'supportive-transportation', needIds: [needId], providerKind: 'in_house', startDate: '2026-11-23' },
      ctx,
    );
    expect(added).toMatchObject({ kind: 'ok', plannedEndDate: '2027-02-21', versionNo: 2 });
    if (added.kind !== 'ok') return;
    expect(t.db.select().from(needs).where(eq(needs.id, needId)).get()!.status).toBe('being_addressed');
    expect(t.db.select().from(serviceNeeds).all()).toEqual([{ serviceId: added.serviceId, needId }]);

    const done = completeService(t.db, worker, added.serviceId, { actualEndDate: '2026-11-23', needMet: true, outcome: 'Bus pass issued for three months.' }, ctx);
    expect(done).toMatchObject({ kind: 'ok', versionNo: 3, needsMet: [needId], needsStillAddressed: [], needsReopened: [] });
    expect(t.db.select().from(needs).where(eq(needs.id, needId)).get()).toMatchObject({ status: 'met', metDate: '2026-11-23' });
    expect(t.db.select().from(services).get()).toMatchObject({ status: 'completed', needMet: true, actualEndDate: '2026-11-23' });

    const plan = readPlan(t.db, worker, maria, ctx);
    expect(plan.kind).toBe('ok');
    if (plan.kind !== 'ok') return;
    expect(plan.plan.latestVersion).toMatchObject({ versionNo: 3, reason: 'update', acknowledged: false, acknowledgment: null });
    expect(plan.plan.services[0]).toMatchObject({ id: added.serviceId, needIds: [needId], status: 'completed' });
    expect(plan.plan.needs).toHaveLength(1);
    expect(plan.plan.assessments).toHaveLength(1);

    const latest = readPlanVersion(t.db, worker, plan.plan.latestVersion!.id, ctx);
    if (latest.kind !== 'ok') throw new Error('version not readable');
    expect(latest.snapshot.needs[0]).toMatchObject({ id: needId, status: 'met', metDate: '2026-11-23' });
    expect(latest.snapshot.services[0]).toMatchObject({ status: 'completed', needMet: true, outcome: 'Bus pass issued for three months.' });
    expect(latest.snapshot.caseManager).toEqual({ staffId: 'W1', name: 'Dana' });
    expect(latest.planKinds).toBe('IEP');

    const ack = acknowledgePlanVersion(t.db, worker, plan.plan.latestVersion!.id, { initials: 'MG', date: '2026-11-23', copyGiven: true }, ctx);
    expect(ack.kind).toBe('ok');
    const after = readPlan(t.db, worker, maria, ctx);
    expect(after.kind === 'ok' && after.plan.latestVersion).toMatchObject({ acknowledged: true, acknowledgment: { initials: 'MG', date: '2026-11-23', copyGiven: true } });
  });

  it('a service with no need is refused on the needs field, and nothing is written — not even a version', () => {
    assessedNeed(maria);
    const before = { versions: versions(maria).length, audit: t.db.select().from(auditLog).all().length };
    const r = addService(t.db, worker, { participantId: maria, serviceCode: 'career-counseling', needIds: [], providerKind: 'in_house', startDate: '2026-11-23' }, ctx);
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    expect(Object.keys(r.errors)).toEqual(['needIds']);
    expect(r.errors.needIds).toMatch(/must answer a documented need/);
    expect(t.db.select().from(services).all()).toEqual([]);
    expect(t.db.select().from(serviceNeeds).all()).toEqual([]);
    expect(versions(maria)).toHaveLength(before.versions);
    expect(t.db.select().from(auditLog).all()).toHaveLength(before.audit);
  });

  it('refuses a need of another participant, a need already met, and a code outside the program catalog', () => {
    const mine = assessedNeed(maria);
    const his = assessedNeed(jose, 'housing', other);
    const base = { participantId: maria, serviceCode: 'career-counseling', providerKind: 'in_house' as const, startDate: '2026-11-23' };
    const foreign = addService(t.db, worker, { ...base, needIds: [mine, his] }, ctx);
    expect(foreign).toEqual({ kind: 'invalid', errors: { needIds: 'One of the chosen needs is not on this participant’s plan.' } });

    expect(updateNeedStatus(t.db, worker, mine, { status: 'met', metDate: '2026-11-22' }, ctx).kind).toBe('ok');
    const met = addService(t.db, worker, { ...base, needIds: [mine] }, ctx);
    expect(met.kind === 'invalid' && met.errors.needIds).toMatch(/already met/);

    const fresh = assessedNeed(maria, 'housing');
    const youthOnly = addService(t.db, worker, { ...base, serviceCode: 'youth-counseling', needIds: [fresh] }, ctx);
    expect(youthOnly.kind === 'invalid' && youthOnly.errors).toEqual({ serviceCode: 'That service is not in the WIOA Adult catalog of allowable services.' });
    const wrongProgram = addService(t.db, worker, { ...base, profileId: 'wioa-youth', needIds: [fresh] }, ctx);
    expect(wrongProgram.kind === 'invalid' && wrongProgram.errors.enrollmentId).toMatch(/programs/);
    const partnerUnnamed = addService(t.db, worker, { ...base, providerKind: 'partner', needIds: [fresh] }, ctx);
    expect(partnerUnnamed.kind === 'invalid' && Object.keys(partnerUnnamed.errors)).toEqual(['providerName']);
    expect(t.db.select().from(services).all()).toEqual([]);
  });

  it('another worker gets not-found for every read and write, and nothing is written', () => {
    const needId = assessedNeed(maria);
    const s = addService(t.db, worker, { participantId: maria, serviceCode: 'career-counseling', needIds: [needId], providerKind: 'in_house', startDate: '2026-11-23' }, ctx);
    if (s.kind !== 'ok') throw new Error('service not added');
    const snapshot = { versions: versions(maria).length, audit: t.db.select().from(auditLog).all().length, needs: t.db.select().from(needs).all() };

    expect(readPlan(t.db, other, maria, ctx)).toEqual({ kind: 'not-found' });
    expect(readPlanVersion(t.db, other, s.planVersionId, ctx)).toEqual({ kind: 'not-found' });
    expect(addAssessment(t.db, other, { participantId: maria, assessmentDate: '2026-11-20', tool: 'form', summary: 'x' }, ctx)).toEqual({ kind: 'not-found' });
    expect(addNeed(t.db, other, { participantId: maria, category: 'food', description: 'x', source: 'assessment', assessmentId: 1 }, ctx)).toEqual({ kind: 'not-found' });
    expect(updateNeedStatus(t.db, other, needId, { status: 'met', metDate: '2026-11-23' }, ctx)).toEqual({ kind: 'not-found' });
    expect(addGoal(t.db, other, goalFor(maria), ctx)).toEqual({ kind: 'not-found' });
    expect(addService(t.db, other, { participantId: maria, serviceCode: 'career-counseling', needIds: [], providerKind: 'in_house', startDate: '2026-11-23' }, ctx)).toEqual({
      kind: 'not-found',
    });
    expect(completeService(t.db, other, s.serviceId, { actualEndDate: '2026-11-23', needMet: true, outcome: 'x' }, ctx)).toEqual({ kind: 'not-found' });
    expect(extendService(t.db, other, s.serviceId, { newEndDate: '2027-06-01', reason: 'x' }, ctx)).toEqual({ kind: 'not-found' });
    expect(addReferral(t.db, other, { participantId: maria, partnerName: 'Food bank', needIds: [needId], sentDate: '2026-11-23' }, ctx)).toEqual({ kind: 'not-found' });
    expect(reviewPlan(t.db, other, maria, ctx)).toEqual({ kind: 'not-found' });
    expect(acknowledgePlanVersion(t.db, other, s.planVersionId, { initials: 'MG', date: '2026-11-23', copyGiven: true }, ctx)).toEqual({ kind: 'not-found' });
    expect(readPlan(t.db, worker, 9999, ctx)).toEqual({ kind: 'not-found' });

    expect(versions(maria)).toHaveLength(snapshot.versions);
    expect(t.db.select().from(auditLog).all()).toHaveLength(snapshot.audit);
    expect(t.db.select().from(needs).all()).toEqual(snapshot.needs);
    expect(t.db.select().from(planAcknowledgments).all()).toEqual([]);
  });

  it('a supervisor’s read of the plan is audited; the assigned worker’s is not', () => {
    assessedNeed(maria);
    const count = () => t.db.select().from(auditLog).where(eq(auditLog.action, 'read')).all();
    expect(readPlan(t.db, worker, maria, ctx).kind).toBe('ok');
    expect(count()).toHaveLength(0);
    expect(readPlan(t.db, supervisor, maria, ctx).kind).toBe('ok');
    expect(count()).toEqual([expect.objectContaining({ actorId: 'SA', basis: 'supervisor', entityId: String(maria), detail: `{"plan":${maria}}` })]);
  });

  it('numbers versions 1, 2, 3 per participant and snapshots the items of each', () => {
    const needId = assessedNeed(maria);
    const g = addGoal(t.db, worker, goalFor(maria), ctx);
    if (g.kind !== 'ok') throw new Error(JSON.stringify(g));
    const r = reviewPlan(t.db, worker, maria, ctx);
    expect(r).toMatchObject({ kind: 'ok', versionNo: 3 });
    assessedNeed(jose, 'food', other);

    const vs = versions(maria);
    expect(vs.map((v) => [v.versionNo, v.reason, v.planKinds])).toEqual([
      [1, 'initial', 'IEP'],
      [2, 'update', 'IEP'],
      [3, 'review', 'IEP'],
    ]);
    expect(vs.map((v) => v.changeSummary)).toEqual(['Assessment: 1 need found', 'Goal added (long-term)', 'Plan reviewed with the participant; no change']);
    expect(itemsOf(vs[0]!.id)).toEqual([{ kind: 'need', id: needId }]);
    expect(itemsOf(vs[1]!.id)).toEqual([
      { kind: 'goal', id: g.goalId },
      { kind: 'need', id: needId },
    ]);
    expect(itemsOf(vs[2]!.id)).toEqual(itemsOf(vs[1]!.id));
    const snap = JSON.parse(vs[1]!.snapshotJson) as PlanSnapshot;
    expect(snap.goals[0]).toMatchObject({ id: g.goalId, targetDate: '2027-05-31', status: 'open' });
    expect(versions(jose).map((v) => v.versionNo)).toEqual([1]);
  });

  it('a plan review needs a plan; an assessment that found no need changes nothing on the plan', () => {
    expect(reviewPlan(t.db, worker, maria, ctx)).toEqual({ kind: 'invalid', errors: { plan: expect.stringMatching(/no plan to review/) } });
    const a = addAssessment(t.db, worker, { participantId: maria, assessmentDate: '2026-11-20', tool: 'casas', summary: 'Reading 235, math 228.' }, ctx);
    expect(a).toMatchObject({ kind: 'ok', needIds: [], planVersionId: null, versionNo: null });
    expect(versions(maria)).toEqual([]);
    const named = addAssessment(t.db, worker, { participantId: maria, assessmentDate: '2026-11-24', tool: 'instrument', summary: 'x' }, ctx);
    expect(named.kind === 'invalid' && Object.keys(named.errors).sort()).toEqual(['assessmentDate', 'instrumentName']);
  });

  it('one acknowledgment per version; a second is refused and the first stands', () => {
    assessedNeed(maria);
    const v = versions(maria)[0]!;
    expect(acknowledgePlanVersion(t.db, worker, v.id, { initials: '', date: '2026-11-24', copyGiven: true }, ctx)).toEqual({
      kind: 'invalid',
      errors: { initials: 'Enter the participant’s initials.', date: 'The date initialed is in the future.' },
    });
    const first = acknowledgePlanVersion(t.db, worker, v.id, { initials: 'M.G.', date: '2026-11-23', copyGiven: false }, ctx);
    expect(first.kind).toBe('ok');
    const second = acknowledgePlanVersion(t.db, worker, v.id, { initials: 'XX', date: '2026-11-23', copyGiven: true }, ctx);
    expect(second).toEqual({ kind: 'already-acknowledged', acknowledgmentId: first.kind === 'ok' ? first.acknowledgmentId : -1 });
    expect(t.db.select().from(planAcknowledgments).all()).toEqual([expect.objectContaining({ planVersionId: v.id, initials: 'M.G.', copyGiven: false, recordedBy: 'W1' })]);
    // The acknowledgment is not a plan change: no new version.
    expect(versions(maria)).toHaveLength(1);
    // A later change makes a new version that awaits its own acknowledgment.
    assessedNeed(maria, 'housing');
    const plan = readPlan(t.db, worker, maria, ctx);
    expect(plan.kind === 'ok' && plan.plan.latestVersion).toMatchObject({ versionNo: 2, acknowledged: false });
  });

  it('keeps the printable copy’s Slack file id on its version, for anyone who may read the plan', () => {
    assessedNeed(maria);
    const g = addGoal(t.db, worker, goalFor(maria), ctx);
    if (g.kind !== 'ok') throw new Error(JSON.stringify(g));
    const [v1, v2] = versions(maria);
    expect(v2!.pdfFileId).toBeNull();

    expect(recordPlanPdf(t.db, other, v2!.id, 'F0OTHER0001', ctx)).toEqual({ kind: 'not-found' });
    expect(recordPlanPdf(t.db, worker, 9999, 'F0MISSING01', ctx)).toEqual({ kind: 'not-found' });
    expect(recordPlanPdf(t.db, worker, v2!.id, 'not a file id', ctx)).toMatchObject({ kind: 'invalid' });
    expect(versions(maria).map((v) => v.pdfFileId)).toEqual([null, null]);

    expect(recordPlanPdf(t.db, worker, v2!.id, 'F0PLANCOPY1', ctx)).toEqual({ kind: 'ok' });
    expect(recordPlanPdf(t.db, supervisor, v2!.id, 'F0PLANCOPY2', ctx)).toEqual({ kind: 'ok' }); // a reprint keeps the newest file
    expect(versions(maria).map((v) => [v.id, v.pdfFileId])).toEqual([
      [v1!.id, null],
      [v2!.id, 'F0PLANCOPY2'],
    ]);
    const plan = readPlan(t.db, worker, maria, ctx);
    expect(plan.kind === 'ok' && plan.plan.latestVersion!.pdfFileId).toBe('F0PLANCOPY2');
    const rows = t.db.select().from(auditLog).where(eq(auditLog.action, 'plan-print')).all();
    expect(rows.map((r) => [r.actorId, r.basis, JSON.parse(r.detail ?? '{}')])).toEqual([
      ['W1', 'assigned', { version: v2!.id, fields: 'pdf_file_id' }],
      ['SA', 'supervisor', { version: v2!.id, fields: 'pdf_file_id' }],
    ]);
  });

  it('the audit log holds ids and field names only', () => {
    const needId = assessedNeed(maria);
    const s = addService(t.db, worker, { participantId: maria, serviceCode: 'occupational-skills-training', needIds: [needId], providerKind: 'partner', providerName: 'Metro Truck School', startDate: '2026-11-23' }, ctx);
    if (s.kind !== 'ok') throw new Error(JSON.stringify(s));
    extendService(t.db, worker, s.serviceId, { newEndDate: '2027-06-30', reason: 'Program runs through June; María started late.' }, ctx);
    const g = addGoal(t.db, worker, goalFor(maria), ctx);
    if (g.kind !== 'ok') throw new Error(JSON.stringify(g));
    updateGoalStatus(t.db, worker, g.goalId, { status: 'achieved', achievedDate: '2026-11-23', cmOutcome: true }, ctx);
    const ref = addReferral(t.db, worker, { participantId: maria, partnerName: 'Legal Aid of María’s county', needIds: [needId], sentDate: '2026-11-23' }, ctx);
    if (ref.kind !== 'ok') throw new Error(JSON.stringify(ref));
    updateReferralStatus(t.db, worker, ref.referralId, { status: 'completed', statusDate: '2026-11-23', outcome: 'ID documents obtained for María.', needMet: false }, ctx);
    completeService(t.db, worker, s.serviceId, { actualEndDate: '2026-11-23', needMet: true, outcome: 'María finished the course.' }, ctx);
    acknowledgePlanVersion(t.db, worker, versions(maria).at(-1)!.id, { initials: 'MG', date: '2026-11-23', copyGiven: true }, ctx);
    recordPlanPdf(t.db, worker, versions(maria).at(-1)!.id, 'F0PLANCOPY1', ctx);
    readPlan(t.db, supervisor, maria, ctx);

    const rows = t.db.select().from(auditLog).where(eq(auditLog.entityId, String(maria))).all();
    expect(rows.map((r) => r.action)).toEqual([
      'enroll',
      'assessment-add',
      'service-add',
      'service-extend',
      'goal-add',
      'goal-update',
      'referral-add',
      'referral-update',
      'service-update',
      'plan-acknowledge',
      'plan-print',
      'read',
    ]);
    for (const row of rows) {
      const detail = JSON.parse(row.detail ?? '{}') as Record<string, unknown>;
      for (const value of Object.values(detail)) {
        const ok = value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && /^[a-z0-9_,]*$/.test(value));
        expect(ok, `${row.action}: ${row.detail}`).toBe(true);
      }
      expect(row.detail ?? '').not.toMatch(/Mar|Metro|Legal|course|June|Obtain|CDL|Intake|MG/);
    }
  });

  it('extends only extendable, active services, keeping the history', () => {
    const needId = assessedNeed(maria);
    const base = { participantId: maria, needIds: [needId], providerKind: 'in_house' as const, startDate: '2026-11-23' };
    const counseling = addService(t.db, worker, { ...base, serviceCode: 'career-counseling' }, ctx);
    const training = addService(t.db, worker, { ...base, serviceCode: 'occupational-skills-training' }, ctx);
    if (counseling.kind !== 'ok' || training.kind !== 'ok') throw new Error('services not added');

    const refused = extendService(t.db, worker, counseling.serviceId, { newEndDate: '2027-06-30', reason: 'Longer program' }, ctx);
    expect(refused.kind === 'invalid' && refused.errors.newEndDate).toMatch(/cannot be extended/);
    const early = extendService(t.db, worker, training.serviceId, { newEndDate: '2027-02-21', reason: 'Longer program' }, ctx);
    expect(early.kind === 'invalid' && early.errors.newEndDate).toMatch(/after the current planned end \(2027-02-21\)/);
    const noReason = extendService(t.db, worker, training.serviceId, { newEndDate: '2027-06-30', reason: ' ' }, ctx);
    expect(noReason.kind === 'invalid' && Object.keys(noReason.errors)).toEqual(['reason']);

    const ok = extendService(t.db, worker, training.serviceId, { newEndDate: '2027-06-30', reason: 'Program runs through June.' }, ctx);
    expect(ok.kind).toBe('ok');
    expect(t.db.select().from(services).where(eq(services.id, training.serviceId)).get()!.plannedEndDate).toBe('2027-06-30');
    expect(t.db.select().from(serviceExtensions).all()).toEqual([
      expect.objectContaining({ serviceId: training.serviceId, participantId: maria, previousEndDate: '2027-02-21', newEndDate: '2027-06-30', extendedBy: 'W1' }),
    ]);
    const plan = readPlan(t.db, worker, maria, ctx);
    expect(plan.kind === 'ok' && plan.plan.services.find((s) => s.id === training.serviceId)!.extensions).toHaveLength(1);
  });

  it('completion requires the outcome; a need another active service still addresses stays; an unmet need goes back to open', () => {
    const needId = assessedNeed(maria);
    const base = { participantId: maria, needIds: [needId], providerKind: 'in_house' as const, startDate: '2026-11-01' };
    const first = addService(t.db, worker, { ...base, serviceCode: 'career-counseling' }, ctx);
    const second = addService(t.db, worker, { ...base, serviceCode: 'supportive-transportation' }, ctx);
    if (first.kind !== 'ok' || second.kind !== 'ok') throw new Error('services not added');

    const missing = completeService(t.db, worker, first.serviceId, { actualEndDate: '2026-10-31', needMet: true, outcome: '' }, ctx);
    expect(missing.kind === 'invalid' && missing.errors).toEqual({
      actualEndDate: 'The end date is before the start date (2026-11-01).',
      outcome: 'Enter the outcome of the service.',
    });

    const met = completeService(t.db, worker, first.serviceId, { actualEndDate: '2026-11-20', needMet: true, outcome: 'Plan of study chosen.' }, ctx);
    expect(met).toMatchObject({ kind: 'ok', needsMet: [], needsStillAddressed: [needId] });
    expect(t.db.select().from(needs).get()).toMatchObject({ status: 'being_addressed', metDate: null });
    const again = completeService(t.db, worker, first.serviceId, { actualEndDate: '2026-11-20', needMet: true, outcome: 'x' }, ctx);
    expect(again.kind === 'invalid' && again.errors.status).toMatch(/already completed/);

    const notMet = completeService(t.db, worker, second.serviceId, { actualEndDate: '2026-11-22', needMet: false, outcome: 'Stopped coming.', status: 'discontinued' }, ctx);
    expect(notMet).toMatchObject({ kind: 'ok', needsMet: [], needsStillAddressed: [], needsReopened: [needId] });
    expect(t.db.select().from(needs).get()).toMatchObject({ status: 'open', metDate: null });
    expect(t.db.select().from(services).where(eq(services.id, second.serviceId)).get()).toMatchObject({ status: 'discontinued', needMet: false });
  });

  it('refugee services have no default length, so the end date is required', () => {
    const needId = assessedNeed(amina, 'language_esl');
    const base = { participantId: amina, serviceCode: 'esl-arrangement', needIds: [needId], providerKind: 'partner' as const, providerName: 'Adult school', startDate: '2026-11-23' };
    const r = addService(t.db, worker, base, ctx);
    expect(r.kind === 'invalid' && Object.keys(r.errors)).toEqual(['plannedEndDate']);
    expect(addService(t.db, worker, { ...base, plannedEndDate: '2027-05-31' }, ctx)).toMatchObject({ kind: 'ok', plannedEndDate: '2027-05-31' });
  });

  it('goals: SMART problems write nothing; steps sit under a long-term goal; refugee outcomes one per quarter, never employment', () => {
    const bad = addGoal(t.db, worker, goalFor(maria, { measure: '', targetDate: '2026-11-22' }), ctx);
    expect(bad.kind === 'invalid' && Object.keys(bad.errors).sort()).toEqual(['measure', 'targetDate']);
    expect(t.db.select().from(goals).all()).toEqual([]);
    expect(versions(maria)).toEqual([]);

    const long = addGoal(t.db, worker, goalFor(amina, { targetDate: '2027-09-30', specific: 'Become self-sufficient within the year' }), ctx);
    if (long.kind !== 'ok') throw new Error(JSON.stringify(long));
    const late = addGoal(t.db, worker, goalFor(amina, { term: 'short', parentGoalId: long.goalId, targetDate: '2027-10-01' }), ctx);
    expect(late.kind === 'invalid' && late.errors.targetDate).toMatch(/2027-09-30/);
    const foreign = addGoal(t.db, other, goalFor(jose, { term: 'short', parentGoalId: long.goalId }), ctx);
    expect(foreign.kind === 'invalid' && foreign.errors.parentGoalId).toMatch(/not on this participant’s plan/);

    const steps = (
      [
        ['Open a bank account at a credit union', false],
        ['Enroll the children in the local school', false],
        ['Find a full-time job in a warehouse', true],
      ] as const
    ).map(([specific, isEmployment]) => addGoal(t.db, worker, goalFor(amina, { term: 'short', parentGoalId: long.goalId, specific, targetDate: '2027-03-31', isEmployment }), ctx));
    const [bank, school, job] = steps.map((s) => (s.kind === 'ok' ? s.goalId : -1)) as [number, number, number];
    expect(t.db.select({ id: goals.id, isEmployment: goals.isEmployment }).from(goals).where(eq(goals.participantId, amina)).orderBy(asc(goals.id)).all()).toEqual([
      { id: long.goalId, isEmployment: false },
      { id: bank, isEmployment: false },
      { id: school, isEmployment: false },
      { id: job, isEmployment: true },
    ]);

    // The employment flag comes from the goal itself, not from the request; nothing is written.
    const beforeRefusal = { audit: t.db.select().from(auditLog).all().length, versions: versions(amina).length };
    expect(updateGoalStatus(t.db, worker, job, { status: 'achieved', achievedDate: '2026-11-20', cmOutcome: true }, ctx)).toEqual({
      kind: 'invalid',
      errors: { isCmOutcome: expect.stringMatching(/employment goal: in refugee programs employment is reported as a job placement, not as a case-management outcome/) },
    });
    expect(t.db.select().from(goals).where(eq(goals.id, job)).get()).toMatchObject({ status: 'open', isCmOutcome: false, outcomeQuarter: null, achievedDate: null });
    expect({ audit: t.db.select().from(auditLog).all().length, versions: versions(amina).length }).toEqual(beforeRefusal);
    // A goal that is not about employment may be the quarter's outcome.
    expect(updateGoalStatus(t.db, worker, bank, { status: 'achieved', achievedDate: '2026-11-20', cmOutcome: true }, ctx)).toMatchObject({
      kind: 'ok',
      outcomeQuarter: 'FY2027-Q1',
    });
    const second = updateGoalStatus(t.db, worker, school, { status: 'achieved', achievedDate: '2026-11-21', cmOutcome: true }, ctx);
    expect(second.kind === 'invalid' && second.errors.isCmOutcome).toMatch(/already recorded for FY2027-Q1/);
    // Achieved without the outcome flag is fine, the employment goal included.
    expect(updateGoalStatus(t.db, worker, school, { status: 'achieved', achievedDate: '2026-11-21' }, ctx)).toMatchObject({ kind: 'ok', outcomeQuarter: null });
    expect(updateGoalStatus(t.db, worker, job, { status: 'achieved', achievedDate: '2026-11-21', cmOutcome: false }, ctx)).toMatchObject({ kind: 'ok', outcomeQuarter: null });
    expect(t.db.select().from(goals).where(eq(goals.id, bank)).get()).toMatchObject({ status: 'achieved', achievedDate: '2026-11-20', isCmOutcome: true, outcomeQuarter: 'FY2027-Q1' });
    const closed = updateGoalStatus(t.db, worker, bank, { status: 'discontinued' }, ctx);
    expect(closed.kind === 'invalid' && closed.errors.status).toMatch(/already achieved/);

    // WIOA: no one-per-quarter rule, and employment may be an outcome.
    const w1 = addGoal(t.db, worker, goalFor(maria), ctx);
    const w2 = addGoal(t.db, worker, goalFor(maria, { specific: 'Get hired as a CDL driver', isEmployment: true }), ctx);
    if (w1.kind !== 'ok' || w2.kind !== 'ok') throw new Error('goals not added');
    expect(updateGoalStatus(t.db, worker, w1.goalId, { status: 'achieved', achievedDate: '2026-11-20', cmOutcome: true }, ctx).kind).toBe('ok');
    expect(updateGoalStatus(t.db, worker, w2.goalId, { status: 'achieved', achievedDate: '2026-11-21', cmOutcome: true }, ctx).kind).toBe('ok');
    expect(t.db.select().from(goals).where(eq(goals.id, w2.goalId)).get()).toMatchObject({ isEmployment: true, isCmOutcome: true, outcomeQuarter: 'FY2027-Q1' });
  });

  it('needs: emergent needs cite their note and impact; assessment needs their assessment', () => {
    const noEvidence = addNeed(t.db, worker, { participantId: maria, category: 'child_care', description: 'Needs after-school care', source: 'emergent' }, ctx);
    expect(noEvidence.kind === 'invalid' && Object.keys(noEvidence.errors).sort()).toEqual(['impact', 'sourceNoteId']);
    const badCategory = addNeed(t.db, worker, { participantId: maria, category: 'pets', description: 'x', source: 'assessment' }, ctx);
    expect(badCategory.kind === 'invalid' && Object.keys(badCategory.errors).sort()).toEqual(['assessmentId', 'category']);

    const note = saveNote(
      t.db,
      worker,
      {
        participantId: maria,
        source: 'modal',
        contactKind: 'participant',
        method: 'phone',
        interactionAt: new Date('2026-11-23T15:00:00Z'),
        interactionTz: 'America/Chicago',
        timeKnown: true,
        location: 'Remote',
        subject: 'Child care',
        body: 'Participant reported the after-school program closed.',
        checkWarnings: [],
        checkChoice: 'none',
      },
      DEFAULT_PROFILES,
      NOW,
    );
    if (note.kind !== 'saved') throw new Error('note not saved');
    const joseNote = addNeed(t.db, other, { participantId: jose, category: 'child_care', description: 'x', impact: 'y', source: 'emergent', sourceNoteId: note.noteId }, ctx);
    expect(joseNote.kind === 'invalid' && joseNote.errors.sourceNoteId).toMatch(/not in this participant’s file/);

    const ok = addNeed(
      t.db,
      worker,
      { participantId: maria, category: 'child_care', description: 'Needs after-school care', impact: 'Cannot attend afternoon classes', source: 'emergent', sourceNoteId: note.noteId },
      ctx,
    );
    expect(ok).toMatchObject({ kind: 'ok', versionNo: 1 });
    if (ok.kind !== 'ok') return;
    expect(itemsOf(ok.planVersionId)).toEqual([{ kind: 'need', id: ok.needId }]);
    expect(versions(maria)[0]!.changeSummary).toBe('Need added: Child care');

    const future = updateNeedStatus(t.db, worker, ok.needId, { status: 'met', metDate: '2026-11-24' }, ctx);
    expect(future.kind === 'invalid' && future.errors.metDate).toMatch(/in the future/);
    expect(updateNeedStatus(t.db, worker, ok.needId, { status: 'met', metDate: '2026-11-23' }, ctx).kind).toBe('ok');
    expect(updateNeedStatus(t.db, worker, ok.needId, { status: 'open' }, ctx).kind).toBe('ok');
    expect(t.db.select().from(needs).where(eq(needs.id, ok.needId)).get()).toMatchObject({ status: 'open', metDate: null });
  });

  it('referrals: at least one need, review 30 days after sending by default, forward-only statuses', () => {
    const needId = assessedNeed(maria, 'legal_documents_id');
    const none = addReferral(t.db, worker, { participantId: maria, partnerName: 'Legal Aid', needIds: [], sentDate: '2026-11-20' }, ctx);
    expect(none.kind === 'invalid' && Object.keys(none.errors)).toEqual(['needIds']);
    expect(t.db.select().from(referrals).all()).toEqual([]);

    const r = addReferral(t.db, worker, { participantId: maria, partnerName: 'Legal Aid', needIds: [needId], sentDate: '2026-11-20' }, ctx);
    expect(r).toMatchObject({ kind: 'ok', reviewDate: '2026-12-20', versionNo: 2 });
    if (r.kind !== 'ok') return;
    expect(t.db.select().from(needs).get()!.status).toBe('being_addressed');

    const accepted = updateReferralStatus(t.db, worker, r.referralId, { status: 'accepted', statusDate: '2026-11-22', reviewDate: '2027-01-15' }, ctx);
    expect(accepted.kind).toBe('ok');
    expect(t.db.select().from(referrals).get()).toMatchObject({ status: 'accepted', statusDate: '2026-11-22', reviewDate: '2027-01-15' });
    const noOutcome = updateReferralStatus(t.db, worker, r.referralId, { status: 'completed', statusDate: '2026-11-23' }, ctx);
    expect(noOutcome.kind === 'invalid' && Object.keys(noOutcome.errors)).toEqual(['outcome']);
    const done = updateReferralStatus(t.db, worker, r.referralId, { status: 'completed', statusDate: '2026-11-23', outcome: 'State ID issued.', needMet: true }, ctx);
    expect(done).toMatchObject({ kind: 'ok', needsMet: [needId] });
    expect(t.db.select().from(needs).get()).toMatchObject({ status: 'met', metDate: '2026-11-23' });
    const after = updateReferralStatus(t.db, worker, r.referralId, { status: 'declined', statusDate: '2026-11-23' }, ctx);
    expect(after.kind === 'invalid' && after.errors.status).toMatch(/can no longer change/);
    expect(versions(maria).map((v) => v.versionNo)).toEqual([1, 2, 3, 4]);
  });

  describe('a double-submitted form (same Slack view id and hash) writes once', () => {
    const rowCounts = () => ({
      assessments: t.db.select().from(assessments).all().length,
      needs: t.db.select().from(needs).all().length,
      goals: t.db.select().from(goals).all().length,
      services: t.db.select().from(services).all().length,
      serviceNeeds: t.db.select().from(serviceNeeds).all().length,
      referrals: t.db.select().from(referrals).all().length,
      referralNeeds: t.db.select().from(referralNeeds).all().length,
      versions: t.db.select().from(planVersions).all().length,
      audit: t.db.select().from(auditLog).all().length,
      requests: t.db.select().from(processedSlackRequests).all().length,
    });
    const recorded = (key: string) => t.db.select().from(processedSlackRequests).where(eq(processedSlackRequests.key, key)).get();
    // The repeat arrives a few seconds later.
    const later: PlanContext = { ...ctx, now: new Date(NOW.getTime() + 5000) };

    /** Runs `write` with a key, then again with the same key: the same answer, and nothing more written. */
    function twice<R>(write: (c: PlanContext, key: string) => R, key: string) {
      const before = rowCounts();
      const first = write(ctx, key);
      const afterFirst = rowCounts();
      const second = write(later, key);
      expect(second).toEqual(first);
      expect(rowCounts()).toEqual(afterFirst);
      return { first, before, afterFirst };
    }

    it('an assessment: one assessment, its needs once, one plan version, one audit row', () => {
      const input = {
        participantId: maria,
        assessmentDate: '2026-11-20',
        tool: 'casas' as const,
        summary: 'CASAS reading 221.',
        needs: [
          { category: 'language_esl', description: 'Reads English at level 3 of 6' },
          { category: 'transportation', description: 'No reliable way to reach training' },
        ],
      };
      const { first, before, afterFirst } = twice((c, key) => addAssessment(t.db, worker, input, c, { requestKey: key }), 'view:VASSESS1:1700000000.aa');
      expect(first).toMatchObject({ kind: 'ok', versionNo: 1 });
      if (first.kind !== 'ok') return;
      expect(first.needIds).toHaveLength(2);
      expect(afterFirst).toEqual({ ...before, assessments: 1, needs: 2, versions: 1, audit: before.audit + 1, requests: 1 });
      expect(recorded('view:VASSESS1:1700000000.aa')).toMatchObject({
        kind: 'view_submission',
        receivedAt: NOW.toISOString(),
        result: `assessment:${first.assessmentId} need:${first.needIds.join(',')} plan_version:${first.planVersionId}`,
      });

      // Another submission (another view, or the same view changed: a new hash) is a new assessment.
      const other = addAssessment(t.db, worker, input, ctx, { requestKey: 'view:VASSESS1:1700000001.bb' });
      expect(other).toMatchObject({ kind: 'ok', versionNo: 2 });
      expect(t.db.select().from(assessments).all()).toHaveLength(2);
    });

    it('an assessment that found no need: the repeat answers without a version too', () => {
      const input = { participantId: maria, assessmentDate: '2026-11-20', tool: 'interview' as const, summary: 'Intake interview.' };
      const { first } = twice((c, key) => addAssessment(t.db, worker, input, c, { requestKey: key }), 'view:VASSESS2:1700000000.aa');
      expect(first).toMatchObject({ kind: 'ok', needIds: [], planVersionId: null, versionNo: null });
      expect(t.db.select().from(assessments).all()).toHaveLength(1);
    });

    it('a need', () => {
      const a = addAssessment(t.db, worker, { participantId: maria, assessmentDate: '2026-11-20', tool: 'interview', summary: 'Intake interview.' }, ctx);
      if (a.kind !== 'ok') throw new Error(JSON.stringify(a));
      const input = { participantId: maria, category: 'housing', description: 'Lease ends in January', source: 'assessment' as const, assessmentId: a.assessmentId };
      const { first, before, afterFirst } = twice((c, key) => addNeed(t.db, worker, input, c, { requestKey: key }), 'view:VNEED1:1700000000.aa');
      expect(first).toMatchObject({ kind: 'ok', versionNo: 1 });
      if (first.kind !== 'ok') return;
      expect(afterFirst).toEqual({ ...before, needs: 1, versions: 1, audit: before.audit + 1, requests: 1 });
      expect(recorded('view:VNEED1:1700000000.aa')?.result).toBe(`need:${first.needId} plan_version:${first.planVersionId}`);
    });

    it('a goal', () => {
      const { first, before, afterFirst } = twice((c, key) => addGoal(t.db, worker, goalFor(maria), c, { requestKey: key }), 'view:VGOAL1:1700000000.aa');
      expect(first).toMatchObject({ kind: 'ok', versionNo: 1 });
      if (first.kind !== 'ok') return;
      expect(afterFirst).toEqual({ ...before, goals: 1, versions: 1, audit: before.audit + 1, requests: 1 });
      expect(recorded('view:VGOAL1:1700000000.aa')?.result).toBe(`goal:${first.goalId} plan_version:${first.planVersionId}`);
    });

    it('a service: one service, its need links once', () => {
      const needId = assessedNeed(maria);
      const input = { participantId: maria, serviceCode: 'supportive-transportation', needIds: [needId], providerKind: 'in_house' as const, startDate: '2026-11-23' };
      const { first, before, afterFirst } = twice((c, key) => addService(t.db, worker, input, c, { requestKey: key }), 'view:VSERV1:1700000000.aa');
      expect(first).toMatchObject({ kind: 'ok', versionNo: 2 });
      if (first.kind !== 'ok') return;
      expect(afterFirst).toEqual({ ...before, services: 1, serviceNeeds: 1, versions: before.versions + 1, audit: before.audit + 1, requests: 1 });
      expect(recorded('view:VSERV1:1700000000.aa')?.result).toBe(`service:${first.serviceId} plan_version:${first.planVersionId}`);
    });

    it('a referral: one referral, its need links once', () => {
      const needId = assessedNeed(maria, 'legal_documents_id');
      const input = { participantId: maria, partnerName: 'Legal Aid', needIds: [needId], sentDate: '2026-11-20' };
      const { first, before, afterFirst } = twice((c, key) => addReferral(t.db, worker, input, c, { requestKey: key }), 'view:VREF1:1700000000.aa');
      expect(first).toMatchObject({ kind: 'ok', reviewDate: '2026-12-20', versionNo: 2 });
      if (first.kind !== 'ok') return;
      expect(afterFirst).toEqual({ ...before, referrals: 1, referralNeeds: 1, versions: before.versions + 1, audit: before.audit + 1, requests: 1 });
      expect(recorded('view:VREF1:1700000000.aa')?.result).toBe(`referral:${first.referralId} plan_version:${first.planVersionId}`);
    });

    it('a refused submission records nothing, so the corrected form (Slack keeps the hash on errors) is saved; another worker with the key gets not-found', () => {
      const key = 'view:VGOAL2:1700000000.aa';
      const before = rowCounts();
      expect(addGoal(t.db, worker, goalFor(maria, { targetDate: '2026-11-01' }), ctx, { requestKey: key }).kind).toBe('invalid');
      expect(addGoal(t.db, other, goalFor(maria), ctx, { requestKey: key }).kind).toBe('not-found');
      expect(rowCounts()).toEqual(before);
      expect(recorded(key)).toBeUndefined();

      const saved = addGoal(t.db, worker, goalFor(maria), ctx, { requestKey: key });
      expect(saved).toMatchObject({ kind: 'ok', versionNo: 1 });
      expect(addGoal(t.db, other, goalFor(maria), ctx, { requestKey: key }).kind).toBe('not-found');
      expect(t.db.select().from(goals).all()).toHaveLength(1);
    });

    it('without a key (the CLI, other callers) every call writes', () => {
      expect(addGoal(t.db, worker, goalFor(maria), ctx).kind).toBe('ok');
      expect(addGoal(t.db, worker, goalFor(maria), ctx).kind).toBe('ok');
      expect(t.db.select().from(goals).all()).toHaveLength(2);
      expect(t.db.select().from(processedSlackRequests).all()).toEqual([]);
    });
  });
});

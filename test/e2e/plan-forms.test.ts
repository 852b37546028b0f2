// The rest of the plan's forms (issue 5), through signed requests against the fake Slack:
// *Add an assessment* with the needs found in it, *Extend* a service, a need's status and a
// goal's status by hand, the employment-goal flag and the refugee outcome rule. Every refused
// submission answers with the error on the field and writes nothing.
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveNote } from '../../src/db/notes';
import { enrollParticipant } from '../../src/db/participants';
import { addAssessment, addGoal, addNeed, addReferral, addService, type PlanContext } from '../../src/db/plan';
import { assessments, auditLog, goals, needs, planVersions, serviceExtensions, services } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, datepicker, plainText, radioButtons, staticSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T18:00:00.000Z'; // Monday Nov 23, 2026, noon in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01';
const SUPERVISOR = 'U0SUPERV01';
const OUTSIDER = 'U0WORKER03';
const CHANNEL = 'C0GENERAL1';
const NOT_AVAILABLE = 'That participant’s file is not available to you.';

type Obj = Record<string, unknown>;
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ type: string; action_id?: string; value?: string }>;
  accessory?: { type: string; action_id?: string; value?: string };
  element?: { type: string; options?: Array<{ value: string }> };
}

const v = (state: Obj) => ({ value: state });
const blocksOf = (view: { blocks: unknown[] } | undefined) => (view?.blocks ?? []) as Block[];
const shownText = (view: { blocks: unknown[] } | undefined) => JSON.stringify(view?.blocks ?? []);
/** The value of every button with this action id, in the order shown. */
const buttonValues = (view: FakeView, actionId: string) =>
  blocksOf(view).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])].filter((e) => e.action_id === actionId).map((e) => e.value));

describe('the rest of the plan’s forms', () => {
  let app: TestApp;
  let maria: number;
  let noteId: number;

  const actorOf = (userId: string) => actorFor(getStaff(app.db, userId)!, new Set());
  const ctx = (): PlanContext => ({ profiles: app.config.profiles, now: app.clock.now(), today: TODAY });
  const versionCount = (participantId: number) => app.db.select().from(planVersions).where(eq(planVersions.participantId, participantId)).all().length;
  const auditCount = () => app.db.select().from(auditLog).all().length;

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: ZONE });
    app.addUser(SUPERVISOR, 'Sol Marquez', { tz: ZONE });
    app.addUser(OUTSIDER, 'Sam Okafor', { tz: ZONE });
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez', tz: ZONE }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera', tz: ZONE }, now);
    addStaff(app.db, OUTSIDER, { name: 'Sam Okafor', tz: ZONE }, now);
    maria = enrollParticipant(app.db, actorOf(WORKER), newParticipant(WORKER), now);
    noteId = seedNote(maria);
  });
  afterEach(async () => {
    await app.close();
  });

  function seedNote(participantId: number): number {
    const result = saveNote(
      app.db,
      actorOf(WORKER),
      {
        participantId,
        source: 'modal',
        contactKind: 'participant',
        method: 'face_to_face',
        interactionAt: new Date('2026-11-20T16:00:00.000Z'),
        interactionTz: ZONE,
        timeKnown: true,
        location: 'Office',
        subject: 'Intake interview',
        body: 'Intake interview and CASAS reading test at the office.',
        checkWarnings: [],
        checkChoice: 'none',
      },
      app.config.profiles,
      app.clock.now(),
    );
    if (result.kind !== 'saved') throw new Error(`seed note not saved: ${result.kind}`);
    return result.noteId;
  }

  /** `/participant <text> plan` → the plan modal. */
  async function openPlan(name: string, userId = WORKER): Promise<FakeView> {
    const res = await app.slack.command({ command: '/participant', text: `${name} plan`, userId, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('plan');
    return view;
  }

  async function push(planViewId: string, actionId: string, value?: string): Promise<FakeView> {
    const press = await app.slack.blockAction({ userId: WORKER, actionId, view: { id: planViewId }, ...(value ? { value } : {}) });
    expect(press.problems).toEqual([]);
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    expect(pushed.ok, JSON.stringify(pushed.response)).toBe(true);
    return app.fake.getView(String((pushed.response['view'] as Obj)['id']))!;
  }

  async function save(view: FakeView, values: StateValues): Promise<FakeView> {
    const before = app.fake.calls.length;
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    expect(res.body, res.body).toBe('');
    const planViewId = JSON.parse(view.private_metadata).planViewId as string;
    const update = await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['view_id'] === planViewId);
    expect(update.ok, JSON.stringify(update.response)).toBe(true);
    return app.fake.getView(planViewId)!;
  }

  /** A refused submission: the errors by block, the sub-modal still open, and nothing written. */
  async function refused(view: FakeView, values: StateValues, participantId = maria): Promise<Record<string, string>> {
    const before = { versions: versionCount(participantId), audit: auditCount() };
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    const body = res.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    expect(app.fake.viewStack(view.id).map((x) => x.id)).toContain(view.id);
    expect({ versions: versionCount(participantId), audit: auditCount() }).toEqual(before);
    return body.errors;
  }

  // ---------------------------------------------------------------------------- assessment

  it('*Add an assessment*: CASAS or a named instrument, a summary, and the needs found, which go on the plan from that assessment', async () => {
    let plan = await openPlan('maría');
    expect(shownText(plan)).toContain('No assessments yet.');
    const form = await push(plan.id, 'plan_add_assessment');
    expect(form.callback_id).toBe('plan_assessment');
    expect(blocksOf(form).find((b) => b.block_id === 'assessment_note')!.element!.options!.map((o) => o.value)).toEqual([String(noteId)]);

    // A named instrument needs its name; a half-filled need row is named on the missing part.
    expect(
      await refused(form, {
        assessment_date: v(datepicker('2026-11-20')),
        assessment_tool: v(radioButtons('instrument')),
        assessment_summary: v(plainText('Interest profile: realistic, investigative.')),
        assessment_need_2_description: v(plainText('No reliable transportation to the training site')),
      }),
    ).toEqual({ assessment_need_2_category: 'Pick the category of need 2.' });
    expect(
      await refused(form, {
        assessment_date: v(datepicker('2026-11-24')),
        assessment_tool: v(radioButtons('instrument')),
        assessment_summary: v(plainText('Interest profile: realistic, investigative.')),
      }),
    ).toEqual({ assessment_date: 'The assessment date is in the future.', assessment_instrument: 'Enter the name of the instrument.' });
    expect(app.db.select().from(assessments).all()).toEqual([]);
    expect(app.db.select().from(needs).all()).toEqual([]);

    // CASAS with two needs in rows 1 and 3 (row 2 left empty).
    plan = await save(form, {
      assessment_date: v(datepicker('2026-11-20')),
      assessment_tool: v(radioButtons('casas')),
      assessment_summary: v(plainText('CASAS reading 221, math 215: below the training program’s entry level.')),
      assessment_note: v(staticSelect(String(noteId))),
      assessment_need_1_category: v(staticSelect('language_esl')),
      assessment_need_1_description: v(plainText('English reading at level 3 of 6')),
      assessment_need_3_category: v(staticSelect('transportation')),
      assessment_need_3_description: v(plainText('No reliable way to reach the training site')),
    });
    const [a] = app.db.select().from(assessments).all();
    expect(a).toMatchObject({ participantId: maria, assessmentDate: '2026-11-20', tool: 'casas', instrumentName: null, noteId, createdBy: WORKER });
    expect(app.db.select().from(needs).orderBy(asc(needs.id)).all()).toMatchObject([
      { category: 'language_esl', description: 'English reading at level 3 of 6', source: 'assessment', assessmentId: a!.id, sourceNoteId: noteId, status: 'open' },
      { category: 'transportation', description: 'No reliable way to reach the training site', source: 'assessment', assessmentId: a!.id, status: 'open' },
    ]);
    expect(versionCount(maria)).toBe(1);
    expect(shownText(plan)).toContain('Assessments (1)');
    expect(shownText(plan)).toContain('CASAS — CASAS reading 221');
    expect(shownText(plan)).toContain('2 needs found');
    expect(shownText(plan)).toContain('Language / ESL: English reading at level 3 of 6');

    // A named instrument with no needs found: recorded, and the plan does not change.
    const second = await push(plan.id, 'plan_add_assessment');
    plan = await save(second, {
      assessment_date: v(datepicker(TODAY)),
      assessment_tool: v(radioButtons('instrument')),
      assessment_instrument: v(plainText('O*NET Interest Profiler')),
      assessment_summary: v(plainText('Strongest interests: realistic, conventional.')),
    });
    expect(app.db.select().from(assessments).orderBy(asc(assessments.id)).all().map((x) => [x.tool, x.instrumentName])).toEqual([
      ['casas', null],
      ['instrument', 'O*NET Interest Profiler'],
    ]);
    expect(versionCount(maria)).toBe(1);
    expect(shownText(plan)).toContain('Assessments (2)');
    expect(shownText(plan).indexOf('O*NET Interest Profiler')).toBeLessThan(shownText(plan).indexOf('CASAS reading 221')); // newest first
  });

  it('*Add an assessment* submitted twice (a slow ack, Submit pressed again: the same view id and hash) stores the assessment, its needs and one plan version once', async () => {
    const plan = await openPlan('maría');
    const form = await push(plan.id, 'plan_add_assessment');
    const values: StateValues = {
      assessment_date: v(datepicker('2026-11-20')),
      assessment_tool: v(radioButtons('casas')),
      assessment_summary: v(plainText('CASAS reading 221, math 215: below the training program’s entry level.')),
      assessment_note: v(staticSelect(String(noteId))),
      assessment_need_1_category: v(staticSelect('language_esl')),
      assessment_need_1_description: v(plainText('English reading at level 3 of 6')),
      assessment_need_2_category: v(staticSelect('transportation')),
      assessment_need_2_description: v(plainText('No reliable way to reach the training site')),
    };
    const saved = (p: FakeView) => ({ assessments: app.db.select().from(assessments).all(), needs: app.db.select().from(needs).orderBy(asc(needs.id)).all(), versions: versionCount(maria), audit: auditCount(), shown: shownText(p) });

    const first = saved(await save(form, values));
    expect(first.assessments).toHaveLength(1);
    expect(first.needs.map((n) => [n.category, n.assessmentId])).toEqual([
      ['language_esl', first.assessments[0]!.id],
      ['transportation', first.assessments[0]!.id],
    ]);
    expect(first.versions).toBe(1);
    expect(first.shown).toContain('Assessments (1)');

    // The second submission of the same view is answered like the first (the sub-modal closes,
    // the plan modal under it is refreshed) and writes nothing, not even an audit row.
    app.clock.advance(3000);
    const again = app.fake.getView(form.id)!;
    expect(again.hash).toBe(form.hash);
    const second = saved(await save(again, values));
    expect(second).toEqual(first);
    expect(app.db.select().from(auditLog).all().filter((r) => r.action === 'assessment-add')).toHaveLength(1);
  });

  // ---------------------------------------------------------------------------- extension

  it('*Extend*: only for services the catalog lets run longer; a later end date and a reason, kept in the history', async () => {
    const actor = actorOf(WORKER);
    const n = addNeed(app.db, actor, { participantId: maria, category: 'training_education', description: 'Needs a CDL to drive for a living', impact: 'No license, no job offer.', source: 'emergent', sourceNoteId: noteId }, ctx());
    if (n.kind !== 'ok') throw new Error(JSON.stringify(n));
    const base = { participantId: maria, needIds: [n.needId], providerKind: 'in_house' as const, startDate: TODAY };
    const training = addService(app.db, actor, { ...base, serviceCode: 'occupational-skills-training' }, ctx());
    const counseling = addService(app.db, actor, { ...base, serviceCode: 'career-counseling' }, ctx());
    if (training.kind !== 'ok' || counseling.kind !== 'ok') throw new Error('services not added');

    let plan = await openPlan('maría');
    expect(buttonValues(plan, 'plan_extend_service')).toEqual([String(training.serviceId)]);

    const form = await push(plan.id, 'plan_extend_service', String(training.serviceId));
    expect(form.callback_id).toBe('plan_service_extend');
    expect(shownText(form)).toContain('planned end Feb 21, 2027');
    expect(await refused(form, { extend_new_end: v(datepicker('2027-02-21')), extend_reason: v(plainText('The course runs through June.')) })).toEqual({
      extend_new_end: 'Pick a date after the current planned end (2027-02-21).',
    });
    expect(await refused(form, { extend_new_end: v(datepicker('2027-06-30')), extend_reason: v(plainText('')) })).toEqual({ extend_reason: 'Say why the service is extended.' });
    plan = await save(form, { extend_new_end: v(datepicker('2027-06-30')), extend_reason: v(plainText('The course runs through June; she started late.')) });
    expect(app.db.select().from(services).where(eq(services.id, training.serviceId)).get()!.plannedEndDate).toBe('2027-06-30');
    expect(app.db.select().from(serviceExtensions).all()).toEqual([
      expect.objectContaining({ serviceId: training.serviceId, previousEndDate: '2027-02-21', newEndDate: '2027-06-30', reason: 'The course runs through June; she started late.', extendedBy: WORKER }),
    ]);
    expect(shownText(plan)).toContain('Nov 23, 2026 → Jun 30, 2027');

    // A service the catalog does not let run longer: the form explains, and a forged submission is refused on the date.
    const fixed = await push(plan.id, 'plan_extend_service', String(counseling.serviceId));
    expect(fixed.submit).toBeUndefined();
    expect(shownText(fixed)).toContain('cannot be extended');
    app.fake.closeView(fixed.id); // Back
    const forged = await app.slack.viewSubmission({
      userId: WORKER,
      viewId: form.id, // the extension form replayed for the other service
      privateMetadata: JSON.stringify({ participantId: maria, serviceId: counseling.serviceId }),
      values: { extend_new_end: v(datepicker('2027-06-30')), extend_reason: v(plainText('Longer')) },
    });
    expect(forged.json()).toEqual({ response_action: 'errors', errors: { extend_new_end: 'Individual Career Counseling cannot be extended in this program.' } });
    expect(app.db.select().from(services).where(eq(services.id, counseling.serviceId)).get()!.plannedEndDate).toBe('2027-02-21');
    expect(app.db.select().from(serviceExtensions).all()).toHaveLength(1);
  });

  // ---------------------------------------------------------------------------- need status

  it('a need’s status by hand: met needs the date it was met; the same status is refused', async () => {
    const n = addNeed(app.db, actorOf(WORKER), { participantId: maria, category: 'housing', description: 'Rent two months behind', impact: 'Risk of eviction.', source: 'emergent', sourceNoteId: noteId }, ctx());
    if (n.kind !== 'ok') throw new Error(JSON.stringify(n));
    let plan = await openPlan('maría');
    expect(buttonValues(plan, 'plan_need_status_start')).toEqual([String(n.needId)]);

    const form = await push(plan.id, 'plan_need_status_start', String(n.needId));
    expect(form.callback_id).toBe('plan_need_status');
    expect(await refused(form, { need_status: v(radioButtons('open')) })).toEqual({ need_status: 'The need already has that status.' });
    expect(await refused(form, { need_status: v(radioButtons('met')), need_met_date: v(datepicker(null)) })).toEqual({ need_met_date: 'Pick the date the need was met.' });
    expect(await refused(form, { need_status: v(radioButtons('met')), need_met_date: v(datepicker('2026-11-30')) })).toEqual({
      need_met_date: 'The date the need was met is in the future.',
    });
    plan = await save(form, { need_status: v(radioButtons('met')), need_met_date: v(datepicker('2026-11-21')) });
    expect(app.db.select().from(needs).get()).toMatchObject({ status: 'met', metDate: '2026-11-21', updatedBy: WORKER });
    expect(shownText(plan)).toContain('met Nov 21, 2026');
    expect(shownText(plan)).toMatch(/Version 2\* · Need met: Housing/);

    const back = await push(plan.id, 'plan_need_status_start', String(n.needId));
    await save(back, { need_status: v(radioButtons('being_addressed')) });
    expect(app.db.select().from(needs).get()).toMatchObject({ status: 'being_addressed', metDate: null });
  });

  // ---------------------------------------------------------------------------- goals

  it('refugee program: an employment goal (ticked on *Add a goal*) cannot be the case-management outcome — the error is on the outcome box — while another goal can, once per quarter', async () => {
    const amina = enrollParticipant(
      app.db,
      actorOf(WORKER),
      newParticipant(WORKER, { fullName: 'Amina Yusuf', programs: [{ profileId: 'refugee-ss', enrollmentDate: '2026-10-05' }] }),
      app.clock.now(),
    );
    let plan = await openPlan('amina');

    // The employment flag is asked when the goal is added, and stored on the goal.
    const goalForm = await push(plan.id, 'plan_add_goal');
    expect(blocksOf(goalForm).find((b) => b.block_id === 'goal_employment')!.element!.type).toBe('checkboxes');
    plan = await save(goalForm, {
      goal_term: v(radioButtons('short')),
      goal_specific: v(plainText('Find a full-time warehouse job near home')),
      goal_measure: v(plainText('Offer letter and first paycheck')),
      goal_attainable_relevant: v(plainText('Has forklift experience; several openings nearby.')),
      goal_target_date: v(datepicker('2027-03-31')),
      goal_employment: v(checkboxes(['yes'])),
    });
    const other = addGoal(
      app.db,
      actorOf(WORKER),
      { participantId: amina, term: 'short', specific: 'Open a bank account at the credit union', measure: 'Account opened', attainableRelevant: 'Has her ID now.', targetDate: '2027-01-31' },
      ctx(),
    );
    const third = addGoal(
      app.db,
      actorOf(WORKER),
      { participantId: amina, term: 'short', specific: 'Enroll the children in the local school', measure: 'Enrollment letters', attainableRelevant: 'School is two blocks away.', targetDate: '2027-01-31' },
      ctx(),
    );
    if (other.kind !== 'ok' || third.kind !== 'ok') throw new Error('goals not added');
    const job = app.db.select().from(goals).where(eq(goals.participantId, amina)).orderBy(asc(goals.id)).all()[0]!;
    expect(job).toMatchObject({ specific: 'Find a full-time warehouse job near home', isEmployment: true, status: 'open' });
    plan = await openPlan('amina');
    expect(shownText(plan)).toContain('employment goal');
    expect(buttonValues(plan, 'plan_goal_status_start')).toEqual([String(job.id), String(other.goalId), String(third.goalId)]);

    const jobForm = await push(plan.id, 'plan_goal_status_start', String(job.id));
    expect(jobForm.callback_id).toBe('plan_goal_status');
    expect(shownText(jobForm)).toContain('Employment goals are reported as job placements');
    const errors = await refused(
      jobForm,
      { goal_status: v(radioButtons('achieved')), goal_achieved_date: v(datepicker('2026-11-20')), goal_cm_outcome: v(checkboxes(['yes'])) },
      amina,
    );
    expect(errors).toEqual({ goal_cm_outcome: expect.stringMatching(/employment goal: in refugee programs employment is reported as a job placement/) });
    expect(app.db.select().from(goals).where(eq(goals.id, job.id)).get()).toMatchObject({ status: 'open', isCmOutcome: false, achievedDate: null });
    // Without the outcome box, it is simply achieved.
    plan = await save(jobForm, { goal_status: v(radioButtons('achieved')), goal_achieved_date: v(datepicker('2026-11-20')) });
    expect(app.db.select().from(goals).where(eq(goals.id, job.id)).get()).toMatchObject({ status: 'achieved', achievedDate: '2026-11-20', isCmOutcome: false, outcomeQuarter: null });

    // Another goal is the quarter's outcome; a second one in the same quarter is refused on the box.
    const bankForm = await push(plan.id, 'plan_goal_status_start', String(other.goalId));
    plan = await save(bankForm, { goal_status: v(radioButtons('achieved')), goal_achieved_date: v(datepicker('2026-11-21')), goal_cm_outcome: v(checkboxes(['yes'])) });
    expect(app.db.select().from(goals).where(eq(goals.id, other.goalId)).get()).toMatchObject({ status: 'achieved', isCmOutcome: true, outcomeQuarter: 'FY2027-Q1' });
    expect(shownText(plan)).toContain('case-management outcome FY2027-Q1');
    const schoolForm = await push(plan.id, 'plan_goal_status_start', String(third.goalId));
    expect(
      await refused(schoolForm, { goal_status: v(radioButtons('achieved')), goal_achieved_date: v(datepicker(TODAY)), goal_cm_outcome: v(checkboxes(['yes'])) }, amina),
    ).toEqual({ goal_cm_outcome: 'A case-management outcome is already recorded for FY2027-Q1; only one per participant per quarter is reportable.' });
    expect(await refused(schoolForm, { goal_status: v(radioButtons('discontinued')), goal_cm_outcome: v(checkboxes(['yes'])) }, amina)).toEqual({
      goal_cm_outcome: 'Only an achieved goal can be a case-management outcome.',
    });
    expect(await refused(schoolForm, { goal_status: v(radioButtons('achieved')), goal_achieved_date: v(datepicker(null)) }, amina)).toEqual({
      goal_achieved_date: 'Pick the date the goal was achieved.',
    });
    plan = await save(schoolForm, { goal_status: v(radioButtons('discontinued')) });
    expect(app.db.select().from(goals).where(eq(goals.id, third.goalId)).get()).toMatchObject({ status: 'discontinued', achievedDate: null, isCmOutcome: false });
    expect(buttonValues(plan, 'plan_goal_status_start')).toEqual([]);
  });

  it('WIOA: an employment goal may be the case-management outcome', async () => {
    const g = addGoal(
      app.db,
      actorOf(WORKER),
      { participantId: maria, term: 'long', specific: 'Get hired as a CDL class A driver', measure: 'Offer letter', attainableRelevant: 'Clean record; local demand.', targetDate: '2027-06-30', isEmployment: true },
      ctx(),
    );
    if (g.kind !== 'ok') throw new Error(JSON.stringify(g));
    const plan = await openPlan('maría');
    const form = await push(plan.id, 'plan_goal_status_start', String(g.goalId));
    expect(shownText(form)).not.toContain('Employment goals are reported as job placements');
    await save(form, { goal_status: v(radioButtons('achieved')), goal_achieved_date: v(datepicker(TODAY)), goal_cm_outcome: v(checkboxes(['yes'])) });
    expect(app.db.select().from(goals).get()).toMatchObject({ isEmployment: true, status: 'achieved', isCmOutcome: true, outcomeQuarter: 'FY2027-Q1' });
  });

  // ---------------------------------------------------------------------------- access and limits

  it('a forged status or assessment submission from another worker is refused and writes nothing', async () => {
    const n = addNeed(app.db, actorOf(WORKER), { participantId: maria, category: 'food', description: 'Food runs out at month end', impact: 'Misses class.', source: 'emergent', sourceNoteId: noteId }, ctx());
    if (n.kind !== 'ok') throw new Error(JSON.stringify(n));
    const before = { versions: versionCount(maria), need: app.db.select().from(needs).get() };
    for (const [callbackId, meta, values] of [
      ['plan_need_status', { participantId: maria, needId: n.needId }, { need_status: v(radioButtons('met')), need_met_date: v(datepicker(TODAY)) }],
      ['plan_assessment', { participantId: maria }, { assessment_date: v(datepicker(TODAY)), assessment_tool: v(radioButtons('form')), assessment_summary: v(plainText('x')) }],
    ] as const) {
      const forged = await app.slack.viewSubmission({ userId: OUTSIDER, callbackId, privateMetadata: JSON.stringify(meta), values });
      const body = forged.json<{ response_action: string; errors: Record<string, string> }>();
      expect(body.response_action).toBe('errors');
      expect(Object.values(body.errors)).toEqual([NOT_AVAILABLE]);
    }
    expect({ versions: versionCount(maria), need: app.db.select().from(needs).get() }).toEqual(before);
    expect(app.db.select().from(assessments).all()).toEqual([]);
  });

  it('a long plan with extendable services and many assessments stays within 100 blocks, with an *Extend* button for each shown training', async () => {
    const actor = actorOf(WORKER);
    const extendable = app.config.profiles['wioa-adult'].services.filter((s) => s.extendable);
    expect(extendable.length).toBeGreaterThan(1);
    for (let i = 0; i < 12; i++) {
      const a = addAssessment(app.db, actor, { participantId: maria, assessmentDate: '2026-11-20', tool: 'interview', summary: `Interview ${i + 1}: ${'long summary words '.repeat(40)}` }, ctx());
      if (a.kind !== 'ok') throw new Error(JSON.stringify(a));
    }
    const needIds: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = addNeed(app.db, actor, { participantId: maria, category: 'other', description: `Need ${i + 1}`, impact: 'Slows progress.', source: 'emergent', sourceNoteId: noteId }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
      needIds.push(r.needId);
    }
    for (let i = 0; i < 20; i++) {
      const r = addGoal(app.db, actor, { participantId: maria, term: 'short', specific: `Complete step ${i + 1} of the plan`, measure: 'Certificate', attainableRelevant: 'Fits.', targetDate: '2027-03-01' }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    }
    for (let i = 0; i < 30; i++) {
      const r = addService(app.db, actor, { participantId: maria, serviceCode: extendable[i % extendable.length]!.code, needIds: [needIds[i]!], providerKind: 'in_house', startDate: TODAY }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    }
    for (let i = 0; i < 15; i++) {
      const r = addReferral(app.db, actor, { participantId: maria, partnerName: `Partner ${i + 1}`, needIds: [needIds[i]!], sentDate: TODAY }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    }
    const plan = await openPlan('maría'); // views.open validated the modal
    expect(plan.blocks.length).toBeLessThanOrEqual(100);
    expect(buttonValues(plan, 'plan_extend_service')).toHaveLength(8);
    expect(buttonValues(plan, 'plan_need_status_start')).toHaveLength(8);
    expect(buttonValues(plan, 'plan_goal_status_start')).toHaveLength(8);
    expect(shownText(plan)).toContain('Assessments (12)');
    expect(shownText(plan)).toContain('…and 7 earlier');

    // Saving an extension re-renders it within the limits (views.update validated).
    const form = await push(plan.id, 'plan_extend_service', buttonValues(plan, 'plan_extend_service')[0]!);
    const updated = await save(form, { extend_new_end: v(datepicker('2027-12-31')), extend_reason: v(plainText('Program length.')) });
    expect(updated.blocks.length).toBeLessThanOrEqual(100);
  });
});

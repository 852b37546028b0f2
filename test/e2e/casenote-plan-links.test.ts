// The note form's "services and goals this note touches" (issues 3 and 5), through signed
// requests against the fake Slack: only the participant's own active services and open goals
// are offered; the links are written with the note in one transaction; completing a service
// from the note closes it on the plan with its outcome; a refused submission writes nothing.
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveNote } from '../../src/db/notes';
import { enrollParticipant } from '../../src/db/participants';
import { addGoal, addNeed, addService, completeService, updateGoalStatus, type PlanContext } from '../../src/db/plan';
import { auditLog, caseNoteGoals, caseNoteServices, caseNotes, needs, planVersions, services } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, externalSelect, plainText, staticSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T18:00:00.000Z'; // Monday Nov 23, 2026, noon in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01'; // Dana Rivera
const OTHER_WORKER = 'U0WORKER03'; // Sam Okafor
const CHANNEL = 'C0GENERAL1';

type Obj = Record<string, unknown>;
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  element?: { type: string; initial_value?: string; initial_option?: { value: string } };
  elements?: Array<{ action_id?: string; value?: string }>;
}

const v = (state: Obj) => ({ value: state });
const blockIds = (view: { blocks: unknown[] }) => (view.blocks as Block[]).map((b) => b.block_id ?? '');
const planBlockIds = (view: { blocks: unknown[] }) => blockIds(view).filter((id) => /^note_(service|goal)_/.test(id));

describe('a case note records the services and goals it touches', () => {
  let app: TestApp;
  let maria: number, ana: number, jose: number;
  let bus: number, counseling: number, ended: number, josesService: number;
  let license: number, achieved: number, josesGoal: number;
  let housingNeed: number;

  const actorOf = (userId: string) => actorFor(getStaff(app.db, userId)!, new Set());
  const ctx = (): PlanContext => ({ profiles: app.config.profiles, now: app.clock.now(), today: TODAY });
  const ok = <T extends { kind: string }>(r: T): Extract<T, { kind: 'ok' }> => {
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    return r as Extract<T, { kind: 'ok' }>;
  };

  function seedNote(author: string, participantId: number): number {
    const r = saveNote(
      app.db,
      actorOf(author),
      {
        participantId,
        source: 'modal',
        contactKind: 'participant',
        method: 'phone',
        interactionAt: new Date('2026-11-02T15:00:00.000Z'),
        interactionTz: ZONE,
        timeKnown: true,
        location: 'Remote',
        subject: 'Phone: barriers',
        body: 'Talked about transportation and rent.',
        checkWarnings: [],
        checkChoice: 'none',
        lateExplanation: 'Entered from paper notes.',
      },
      app.config.profiles,
      app.clock.now(),
    );
    if (r.kind !== 'saved') throw new Error(`seed note: ${r.kind}`);
    return r.noteId;
  }

  /** An emergent need, a service for it started Nov 2, and goals, for a participant. */
  function seedPlan(author: string, participantId: number) {
    const actor = actorOf(author);
    const noteId = seedNote(author, participantId);
    const need = (category: string) =>
      ok(addNeed(app.db, actor, { participantId, category, description: `Needs help with ${category}`, impact: 'Slows the job search.', source: 'emergent', sourceNoteId: noteId }, ctx())).needId;
    const service = (code: string, needId: number) =>
      ok(addService(app.db, actor, { participantId, serviceCode: code, needIds: [needId], providerKind: 'in_house', startDate: '2026-11-02' }, ctx())).serviceId;
    const goal = (specific: string, targetDate: string) =>
      ok(addGoal(app.db, actor, { participantId, term: 'short', specific, measure: 'Done and documented', attainableRelevant: 'Fits her plan.', targetDate }, ctx())).goalId;
    return { need, service, goal };
  }

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: ZONE });
    app.addUser(OTHER_WORKER, 'Sam Okafor', { tz: ZONE });
    addStaff(app.db, WORKER, { name: 'Dana Rivera', tz: ZONE }, now);
    addStaff(app.db, OTHER_WORKER, { name: 'Sam Okafor', tz: ZONE }, now);
    maria = enrollParticipant(app.db, actorOf(WORKER), newParticipant(WORKER), now);
    ana = enrollParticipant(app.db, actorOf(WORKER), newParticipant(WORKER, { fullName: 'Ana Lopez' }), now);
    jose = enrollParticipant(app.db, actorOf(OTHER_WORKER), newParticipant(OTHER_WORKER, { fullName: 'José Pérez' }), now);

    const m = seedPlan(WORKER, maria);
    const transportation = m.need('transportation');
    housingNeed = m.need('housing');
    bus = m.service('supportive-transportation', transportation);
    counseling = m.service('career-counseling', housingNeed);
    ended = m.service('job-search-assistance', m.need('employment'));
    ok(completeService(app.db, actorOf(WORKER), ended, { actualEndDate: '2026-11-20', needMet: true, outcome: 'Hired part time.' }, ctx()));
    license = m.goal('Get a state driver’s license this winter', '2027-01-31');
    achieved = m.goal('Open a checking account at the credit union', '2026-12-31');
    ok(updateGoalStatus(app.db, actorOf(WORKER), achieved, { status: 'achieved', achievedDate: '2026-11-20' }, ctx()));
    const j = seedPlan(OTHER_WORKER, jose);
    josesService = j.service('career-counseling', j.need('housing'));
    josesGoal = j.goal('Finish the forklift course this month', '2026-12-31');
  });
  afterEach(async () => {
    await app.close();
  });

  const versions = () => app.db.select().from(planVersions).where(eq(planVersions.participantId, maria)).all().length;
  const written = () => ({
    notes: app.db.select().from(caseNotes).all().length,
    links: app.db.select().from(caseNoteServices).all().length + app.db.select().from(caseNoteGoals).all().length,
    versions: versions(),
    audit: app.db.select().from(auditLog).all().length,
    services: app.db.select().from(services).orderBy(asc(services.id)).all(),
  });

  /** *Log a note* on María's card → the note form, with her plan items. */
  async function noteFormFromCard(name = 'maría'): Promise<{ view: FakeView; responseUrl: string }> {
    const res = await app.slack.command({ command: '/participant', text: name, userId: WORKER, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const card = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'casenote_start', channelId: CHANNEL, messageTs: card.messageTs! });
    expect(press.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    return { view: app.fake.getView(String((open.response['view'] as Obj)['id']))!, responseUrl: press.responseUrl! };
  }

  const note = (extra: StateValues = {}): StateValues => ({
    method: v(staticSelect('face_to_face')),
    body: v(plainText('Met at the office to review the plan: bus pass used daily; counseling sessions finished.')),
    ...extra,
  });

  async function submit(view: FakeView, values: StateValues) {
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    return res;
  }

  it('offers only her active services and open goals; saves the links with the note and completes the service through the plan', async () => {
    const { view, responseUrl } = await noteFormFromCard();
    expect(planBlockIds(view).sort()).toEqual(
      [`note_service_${bus}`, `note_service_${bus}_outcome`, `note_service_${counseling}`, `note_service_${counseling}_outcome`, `note_goal_${license}`].sort(),
    );
    for (const id of [ended, josesService]) expect(blockIds(view)).not.toContain(`note_service_${id}`);
    for (const id of [achieved, josesGoal]) expect(blockIds(view)).not.toContain(`note_goal_${id}`);
    const versionsBefore = versions();

    const res = await submit(
      view,
      note({
        [`note_service_${bus}`]: v(staticSelect('progress')),
        [`note_service_${counseling}`]: v(staticSelect('completed_met')),
        [`note_service_${counseling}_outcome`]: v(plainText('Six sessions completed; rent plan agreed with the landlord.')),
        [`note_goal_${license}`]: v(plainText('Passed the written permit test on 11/20.')),
      }),
    );
    expect(res.body).toBe('');
    const [saved] = app.db.select().from(caseNotes).where(eq(caseNotes.participantId, maria)).orderBy(asc(caseNotes.id)).all().slice(-1);
    expect(saved).toMatchObject({ participantId: maria, authorId: WORKER, interactionDate: TODAY });
    expect(app.db.select().from(caseNoteServices).orderBy(asc(caseNoteServices.serviceId)).all()).toEqual([
      { noteId: saved!.id, serviceId: bus, updateKind: 'progress', outcome: null },
      { noteId: saved!.id, serviceId: counseling, updateKind: 'completed', outcome: 'Six sessions completed; rent plan agreed with the landlord.' },
    ]);
    expect(app.db.select().from(caseNoteGoals).all()).toEqual([{ noteId: saved!.id, goalId: license, progress: 'Passed the written permit test on 11/20.' }]);

    // Completed through the plan's own rules: outcome kept, the need met, a new version.
    expect(app.db.select().from(services).where(eq(services.id, counseling)).get()).toMatchObject({
      status: 'completed',
      actualEndDate: TODAY,
      needMet: true,
      outcome: 'Six sessions completed; rent plan agreed with the landlord.',
    });
    expect(app.db.select().from(services).where(eq(services.id, bus)).get()).toMatchObject({ status: 'active', actualEndDate: null });
    expect(app.db.select().from(needs).where(eq(needs.id, housingNeed)).get()).toMatchObject({ status: 'met', metDate: TODAY });
    expect(versions()).toBe(versionsBefore + 1);

    const audit = app.db.select().from(auditLog).all().slice(-2);
    expect(audit.map((a) => [a.action, JSON.parse(a.detail ?? '{}')])).toEqual([
      ['note-add', { note: saved!.id, services: `${bus},${counseling}`, goals: String(license) }],
      ['service-update', expect.objectContaining({ service: counseling })],
    ]);
    const reply = await app.fake.waitForResponse((r) => r.url === responseUrl && r.body['text'] === 'Note saved');
    expect(JSON.stringify(reply.body['blocks'])).toContain('One service completed on the plan');
  });

  it('a completion without its outcome, or an outcome without a choice, is refused on that field and writes nothing', async () => {
    const { view } = await noteFormFromCard();
    const before = written();
    const noOutcome = await submit(view, note({ [`note_service_${counseling}`]: v(staticSelect('completed_not_met')) }));
    expect(noOutcome.json()).toEqual({
      response_action: 'errors',
      errors: { [`note_service_${counseling}_outcome`]: 'Describe the outcome: completing the service closes it on the plan.' },
    });
    const noChoice = await submit(view, note({ [`note_service_${bus}_outcome`]: v(plainText('Bus pass renewed.')) }));
    expect(noChoice.json()).toEqual({ response_action: 'errors', errors: { [`note_service_${bus}`]: 'Pick how this note touches the service, or clear its outcome.' } });
    expect(written()).toEqual(before);
  });

  it('switching the form to another participant keeps María’s items out of Ana’s file: refused on the field, nothing written', async () => {
    const { view } = await noteFormFromCard();
    const before = written();
    const res = await submit(
      view,
      note({
        participant: { participant_search: externalSelect(String(ana), 'Ana Lopez') },
        [`note_service_${bus}`]: v(staticSelect('started')),
        [`note_goal_${license}`]: v(plainText('Studying for the permit test.')),
      }),
    );
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: { [`note_service_${bus}`]: 'That service is not on this participant’s plan.', [`note_goal_${license}`]: 'That goal is not on this participant’s plan.' },
    });
    expect(written()).toEqual(before);
  });

  it('progress lines are checked like the note: an opinion shows the warning with the section kept, and *Save anyway* records the choice', async () => {
    const { view } = await noteFormFromCard();
    const res = await submit(view, note({ [`note_goal_${license}`]: v(plainText('I think she is probably ready for the road test.')) }));
    const body = res.json<{ response_action: string; view: { blocks: Block[] } }>();
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view.blocks)).toContain('Check the services and goals before saving');
    expect(body.view.blocks.find((b) => b.block_id === `note_goal_${license}`)?.element?.initial_value).toBe('I think she is probably ready for the road test.');
    expect(planBlockIds(body.view)).toContain(`note_service_${counseling}`);
    expect(app.db.select().from(caseNoteGoals).all()).toEqual([]);

    const again = await submit(app.fake.getView(view.id)!, note({ [`note_goal_${license}`]: v(plainText('I think she is probably ready for the road test.')), save_anyway: v(checkboxes(['yes'])) }));
    expect(again.body).toBe('');
    const [saved] = app.db.select().from(caseNotes).all().slice(-1);
    expect(saved!.checkChoice).toBe('saved_anyway');
    expect(JSON.parse(saved!.checkWarnings ?? '[]')).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'plan_links', kind: 'opinion' })]));
    expect(app.db.select().from(caseNoteGoals).all()).toEqual([{ noteId: saved!.id, goalId: license, progress: 'I think she is probably ready for the road test.' }]);
  });

  it('a double submit saves one note and completes the service once', async () => {
    const { view } = await noteFormFromCard();
    const values = note({
      [`note_service_${counseling}`]: v(staticSelect('completed_met')),
      [`note_service_${counseling}_outcome`]: v(plainText('Six sessions completed.')),
    });
    const hash = view.hash;
    expect((await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, hash, values })).body).toBe('');
    const after = written();
    expect((await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, hash, values })).body).toBe('');
    expect(written()).toEqual(after);
    expect(app.db.select().from(caseNoteServices).all()).toHaveLength(1);
  });

  it('the empty `/casenote` form has no plan section until a participant is known', async () => {
    const res = await app.slack.command({ command: '/casenote', text: '', userId: WORKER, channelId: CHANNEL });
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(planBlockIds(app.fake.getView(String((open.response['view'] as Obj)['id']))!)).toEqual([]);
    // Ana has no services or goals: her form has no section either.
    const { view } = await noteFormFromCard('ana');
    expect(planBlockIds(view)).toEqual([]);
    expect(blockIds(view)).not.toContain('plan_links_intro');
  });
});

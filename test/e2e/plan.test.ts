// The plan from the participant card (issue 5), proven through signed requests against the fake
// Slack: the plan modal and the sub-modals it pushes, the rule that a service answers a
// documented need, access, Block Kit limits for a long plan, and the printable copy.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveNote } from '../../src/db/notes';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { addGoal, addNeed, addService, type PlanContext } from '../../src/db/plan';
import { enrollments, needs, planAcknowledgments, planVersions, serviceNeeds, services } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { buildPlanPdf } from '../../src/slack/plan/pdf';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { checkboxes, datepicker, multiStaticSelect, plainText, radioButtons, staticSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T18:00:00.000Z'; // Monday Nov 23, 2026, noon in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';

const WORKER = 'U0WORKER01'; // Dana Rivera, María's case manager
const OUTSIDER = 'U0WORKER03'; // Sam Okafor, another team
const SUPERVISOR = 'U0SUPERV01';
const OTHER_SUPERVISOR = 'U0SUPERV02';
const CHANNEL = 'C0GENERAL1';
const NOT_AVAILABLE = 'That participant’s file is not available to you.';

type Obj = Record<string, unknown>;
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ type: string; action_id?: string; value?: string; options?: unknown[] }>;
  accessory?: { type: string; action_id?: string; value?: string };
  element?: { type: string; action_id?: string; options?: unknown[]; option_groups?: Array<{ options: Array<{ value: string }> }> };
}

const v = (state: Obj) => ({ value: state });

function blocksOf(view: { blocks: unknown[] } | undefined): Block[] {
  return (view?.blocks ?? []) as Block[];
}
function actionIds(blocks: Block[]): string[] {
  return blocks.flatMap((b) => [...(b.elements ?? []).map((e) => e.action_id ?? ''), ...(b.accessory ? [b.accessory.action_id ?? ''] : [])]);
}
function shownText(view: { blocks: unknown[] } | undefined): string {
  return JSON.stringify(view?.blocks ?? []);
}

describe('the plan: needs, goals, services, referrals and acknowledgments from the card', () => {
  let app: TestApp;
  let maria: number;
  let noteId: number;

  const actorOf = (userId: string) => actorFor(getStaff(app.db, userId)!, new Set());
  const ctx = (): PlanContext => ({ profiles: app.config.profiles, now: app.clock.now(), today: TODAY });

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    for (const [id, name] of [
      [WORKER, 'Dana Rivera'],
      [OUTSIDER, 'Sam Okafor'],
      [SUPERVISOR, 'Sol Marquez'],
      [OTHER_SUPERVISOR, 'Rue Adams'],
    ] as const) app.addUser(id, name, { tz: ZONE });
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez', tz: ZONE }, now);
    addStaff(app.db, OTHER_SUPERVISOR, { role: 'supervisor', name: 'Rue Adams', tz: ZONE }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera', tz: ZONE }, now);
    addStaff(app.db, OUTSIDER, { supervisorId: OTHER_SUPERVISOR, name: 'Sam Okafor', tz: ZONE }, now);
    maria = enroll(WORKER, 'María González');
    noteId = seedNote(maria, 'Talked about getting to the training site: no car, no bus pass.');
  });
  afterEach(async () => {
    await app.close();
  });

  function enroll(caseManagerId: string, fullName: string): number {
    const p: NewParticipant = {
      fullName,
      preferredName: null,
      preferredLanguage: 'English',
      interpreterNeeded: false,
      programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-10-01' }],
      misId: null,
      phone: null,
      email: null,
      preferredContactMethod: 'phone',
      primaryCaseManagerId: caseManagerId,
      otherStaffIds: [],
    };
    return enrollParticipant(app.db, actorOf(caseManagerId), p, app.clock.now());
  }

  function seedNote(participantId: number, body: string): number {
    const result = saveNote(
      app.db,
      actorOf(WORKER),
      {
        participantId,
        source: 'modal',
        contactKind: 'participant',
        method: 'phone',
        interactionAt: new Date('2026-11-23T15:00:00.000Z'),
        interactionTz: ZONE,
        timeKnown: true,
        location: 'Remote',
        subject: 'Phone: transportation',
        body,
        checkWarnings: [],
        checkChoice: 'none',
      },
      app.config.profiles,
      app.clock.now(),
    );
    if (result.kind !== 'saved') throw new Error(`seed note not saved: ${result.kind}`);
    return result.noteId;
  }

  const enrollmentId = () => app.db.select().from(enrollments).where(eq(enrollments.participantId, maria)).get()!.id;
  const catalog = () => app.config.profiles['wioa-adult'].services;
  const versions = () => app.db.select().from(planVersions).where(eq(planVersions.participantId, maria)).all();

  /** `/participant <text>` → the card, privately; returns the message's ts. */
  async function cardMessage(userId: string, text: string): Promise<string> {
    const res = await app.slack.command({ command: '/participant', text, userId, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    return reply.messageTs!;
  }

  /** The plan modal opened from the card's *Plan* button. */
  async function openPlanFromCard(userId = WORKER): Promise<FakeView> {
    const ts = await cardMessage(userId, 'maría');
    const card = blocksOf({ blocks: app.fake.findMessage(CHANNEL, ts)?.blocks ?? [] });
    expect(actionIds(card)).toContain('plan_open');
    const actionsBlock = card.find((b) => b.type === 'actions')!;
    expect(actionsBlock.elements!.length).toBeLessThanOrEqual(5);
    const press = await app.slack.blockAction({ userId, actionId: 'plan_open', channelId: CHANNEL, messageTs: ts });
    expect(press.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('plan');
    return view;
  }

  /** Presses a button in the plan modal that pushes a sub-modal; returns the pushed view. */
  async function push(planViewId: string, actionId: string, blockId?: string): Promise<FakeView> {
    const press = await app.slack.blockAction({ userId: WORKER, actionId, view: { id: planViewId }, ...(blockId ? { blockId } : {}) });
    expect(press.problems).toEqual([]);
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    expect(pushed.ok, JSON.stringify(pushed.response)).toBe(true);
    const view = app.fake.getView(String((pushed.response['view'] as Obj)['id']))!;
    expect(view.root_view_id).toBe(app.fake.getView(planViewId)!.root_view_id);
    return view;
  }

  /** Submits a sub-modal that saves: it closes, and the plan modal under it is updated. */
  async function save(view: FakeView, values: StateValues): Promise<FakeView> {
    const before = app.fake.calls.length;
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    expect(app.fake.viewStack(view.id).map((x) => x.id)).not.toContain(view.id);
    const planViewId = JSON.parse(view.private_metadata).planViewId as string;
    const update = await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['view_id'] === planViewId);
    expect(update.ok, JSON.stringify(update.response)).toBe(true);
    return app.fake.getView(planViewId)!;
  }

  async function refused(view: FakeView, values: StateValues): Promise<Record<string, string>> {
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    const body = res.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    return body.errors;
  }

  // ------------------------------------------------------------------------------ the cycle

  it('need → service for it → the service completed with an outcome → the need is met → a new version awaits the participant’s acknowledgment, which is recorded', async () => {
    let plan = await openPlanFromCard();
    expect(shownText(plan)).toContain('No plan version yet');

    // A need, documented by Monday's note.
    const needView = await push(plan.id, 'plan_add_need');
    const docOptions = blocksOf(needView).find((b) => b.block_id === 'need_document')!.element!.option_groups!.flatMap((g) => g.options.map((o) => o.value));
    expect(docOptions).toEqual([`n:${noteId}`]);
    plan = await save(needView, {
      need_category: v(staticSelect('transportation')),
      need_description: v(plainText('Needs a monthly bus pass to reach the training site.')),
      need_source: v(radioButtons('emergent')),
      need_document: v(staticSelect(`n:${noteId}`)),
      need_impact: v(plainText('Cannot attend training without transportation.')),
    });
    const [need] = app.db.select().from(needs).all();
    expect(need).toMatchObject({ participantId: maria, category: 'transportation', source: 'emergent', sourceNoteId: noteId, status: 'open' });
    expect(shownText(plan)).toContain('Transportation: Needs a monthly bus pass');
    expect(shownText(plan)).toContain('Version 1');

    // A service from the catalog for that need.
    const code = catalog()[3]!.code;
    const serviceView = await push(plan.id, 'plan_add_service');
    const serviceOptions = blocksOf(serviceView).find((b) => b.block_id === 'service_needs')!.element!.options as Array<{ value: string }>;
    expect(serviceOptions.map((o) => o.value)).toEqual([String(need!.id)]);
    plan = await save(serviceView, {
      service_pick: v(staticSelect(`${enrollmentId()}:${code}`)),
      service_needs: v(multiStaticSelect([String(need!.id)])),
      service_provider_kind: v(radioButtons('in_house')),
      service_start: v(datepicker('2026-11-02')),
    });
    const [service] = app.db.select().from(services).all();
    expect(service).toMatchObject({ participantId: maria, serviceCode: code, status: 'active', startDate: '2026-11-02', plannedEndDate: '2027-01-31' });
    expect(app.db.select().from(serviceNeeds).all()).toEqual([{ serviceId: service!.id, needId: need!.id }]);
    expect(app.db.select().from(needs).get()!.status).toBe('being_addressed');

    // Completing it: the outcome is required.
    const completeView = await push(plan.id, 'plan_complete_service', `plan_service_${service!.id}`);
    const errors = await refused(completeView, { complete_end_date: v(datepicker(TODAY)), complete_need_met: v(radioButtons('yes')) });
    expect(errors).toEqual({ complete_outcome: expect.stringMatching(/outcome/i) });
    expect(app.db.select().from(services).get()!.status).toBe('active');
    plan = await save(completeView, {
      complete_end_date: v(datepicker(TODAY)),
      complete_status: v(radioButtons('completed')),
      complete_need_met: v(radioButtons('yes')),
      complete_outcome: v(plainText('Bus pass issued for December; attending training daily.')),
    });
    expect(app.db.select().from(services).get()).toMatchObject({ status: 'completed', actualEndDate: TODAY, needMet: true, outcome: 'Bus pass issued for December; attending training daily.' });
    expect(app.db.select().from(needs).get()).toMatchObject({ status: 'met', metDate: TODAY });

    // A new version, awaiting acknowledgment, visible in the plan modal.
    const latest = versions().at(-1)!;
    expect(latest.versionNo).toBe(3);
    expect(app.db.select().from(planAcknowledgments).all()).toEqual([]);
    expect(shownText(plan)).toContain('Version 3');
    expect(shownText(plan)).toMatch(/awaiting the participant’s acknowledgment/);
    expect(shownText(plan)).toContain('met Nov 23, 2026');
    expect(actionIds(blocksOf(plan))).toContain('plan_acknowledge_start');
    expect(actionIds(blocksOf(plan))).not.toContain('plan_complete_service');

    // The participant initials and dates it.
    const ackView = await push(plan.id, 'plan_acknowledge_start');
    expect(shownText(ackView)).toContain('version 3');
    plan = await save(ackView, { ack_initials: v(plainText('MG')), ack_date: v(datepicker(TODAY)), ack_copy_given: v(radioButtons('yes')) });
    expect(app.db.select().from(planAcknowledgments).all()).toMatchObject([{ planVersionId: latest.id, participantId: maria, initials: 'MG', acknowledgedDate: TODAY, copyGiven: true, recordedBy: WORKER }]);
    expect(shownText(plan)).toContain('acknowledged by the participant (MG, Nov 23, 2026, copy given)');
    expect(actionIds(blocksOf(plan))).not.toContain('plan_acknowledge_start');
  });

  it('a service with no need is refused on the needs field and nothing is written; `/participant <name> plan` opens the plan', async () => {
    const added = addNeed(app.db, actorOf(WORKER), { participantId: maria, category: 'housing', description: 'Rent is two months behind.', impact: 'Risk of eviction.', source: 'emergent', sourceNoteId: noteId }, ctx());
    expect(added.kind).toBe('ok');
    const res = await app.slack.command({ command: '/participant', text: 'maría plan', userId: WORKER, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok).toBe(true);
    const plan = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(plan.callback_id).toBe('plan');
    const versionsBefore = versions().length;

    const serviceView = await push(plan.id, 'plan_add_service');
    const errors = await refused(serviceView, {
      service_pick: v(staticSelect(`${enrollmentId()}:${catalog()[0]!.code}`)),
      service_needs: v(multiStaticSelect([])),
      service_provider_kind: v(radioButtons('in_house')),
      service_start: v(datepicker(TODAY)),
    });
    expect(errors).toEqual({ service_needs: expect.stringMatching(/documented need/i) });
    expect(app.db.select().from(services).all()).toEqual([]);
    expect(app.db.select().from(serviceNeeds).all()).toEqual([]);
    expect(versions().length).toBe(versionsBefore);
    expect(app.fake.viewStack(serviceView.id).map((x) => x.id)).toContain(serviceView.id); // still open, with the error
  });

  it('another worker cannot open the plan: a plain refusal that names no one, and no modal', async () => {
    const ts = await cardMessage(WORKER, 'maría'); // a message with Dana's *Plan* button, pressed by Sam
    const press = await app.slack.blockAction({ userId: OUTSIDER, actionId: 'plan_open', channelId: CHANNEL, messageTs: ts, value: String(maria) });
    expect(press.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === press.responseUrl);
    expect(reply.body['text']).toBe(NOT_AVAILABLE);
    expect(JSON.stringify(reply.body)).not.toMatch(/María|González|Dana/);
    expect(app.fake.callsTo('views.open').filter((c) => c.args['trigger_id'] === press.triggerId)).toEqual([]);

    // A forged sub-modal submission for María's plan writes nothing.
    const forged = await app.slack.viewSubmission({
      userId: OUTSIDER,
      callbackId: 'plan_need',
      privateMetadata: JSON.stringify({ participantId: maria }),
      values: {
        need_category: v(staticSelect('housing')),
        need_description: v(plainText('Forged need')),
        need_source: v(radioButtons('emergent')),
        need_document: v(staticSelect(`n:${noteId}`)),
        need_impact: v(plainText('x')),
      },
    });
    expect(forged.json()).toEqual({ response_action: 'errors', errors: { need_category: NOT_AVAILABLE } });
    expect(app.db.select().from(needs).all()).toEqual([]);
  });

  it('a long plan (30 needs, 20 goals, 30 services) stays within Block Kit limits in the plan modal, its sub-modals and the summary', async () => {
    const actor = actorOf(WORKER);
    const needIds: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = addNeed(app.db, actor, { participantId: maria, category: 'other', description: `Need number ${i + 1}: ${'a long description '.repeat(20)}`, impact: 'Slows progress.', source: 'emergent', sourceNoteId: noteId }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
      needIds.push(r.needId);
    }
    for (let i = 0; i < 20; i++) {
      const r = addGoal(app.db, actor, { participantId: maria, term: 'short', specific: `Complete step ${i + 1} of the plan ${'with many words '.repeat(30)}`, measure: 'Certificate', attainableRelevant: 'Fits the schedule.', targetDate: '2027-03-01' }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    }
    for (let i = 0; i < 30; i++) {
      const def = catalog()[i % catalog().length]!;
      const r = addService(app.db, actor, { participantId: maria, serviceCode: def.code, needIds: [needIds[i]!], providerKind: 'partner', providerName: `Partner ${i + 1}`, startDate: TODAY, plannedEndDate: null }, ctx());
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    }

    const plan = await openPlanFromCard(); // views.open validated the modal
    expect(plan.blocks.length).toBeLessThanOrEqual(100);
    expect(shownText(plan)).toContain('and 22 more needs');
    expect(shownText(plan)).toContain('and 12 more goals');
    expect(shownText(plan)).toContain('and 22 more services');
    expect(shownText(plan)).toContain('Version 80');

    const serviceView = await push(plan.id, 'plan_add_service');
    expect(blocksOf(serviceView).find((b) => b.block_id === 'service_needs')!.element!.options!.length).toBe(30);
    app.fake.closeView(serviceView.id); // Back

    // Saving from a sub-modal re-renders the long plan within the limits (views.update validated).
    const completeView = await push(plan.id, 'plan_complete_service', blocksOf(plan).find((b) => b.accessory?.action_id === 'plan_complete_service')!.block_id);
    const updated = await save(completeView, {
      complete_end_date: v(datepicker(TODAY)),
      complete_status: v(radioButtons('completed')),
      complete_need_met: v(radioButtons('no')),
      complete_outcome: v(plainText('Stopped attending.')),
    });
    expect(updated.blocks.length).toBeLessThanOrEqual(100);

    // The summary, privately, within a message's limits.
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'plan_post_summary', view: { id: plan.id } });
    expect(press.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => JSON.stringify(r.body).includes('Plan for María González'));
    expect(reply.ok).toBe(true);
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(reply.body['blocks'])).toContain('…and 20 more');
  });

  it('*Print copy* uploads the PDF to the case manager’s DM through Slack’s external upload flow', async () => {
    const actor = actorOf(WORKER);
    const n = addNeed(app.db, actor, { participantId: maria, category: 'transportation', description: 'Bus pass.', impact: 'Cannot reach training.', source: 'emergent', sourceNoteId: noteId }, ctx());
    expect(n.kind).toBe('ok');
    addGoal(app.db, actor, { participantId: maria, term: 'short', specific: 'Earn the forklift certificate this winter', measure: 'Certificate issued', attainableRelevant: 'Employer pays for it.', targetDate: '2027-02-15' }, ctx());
    const plan = await openPlanFromCard();

    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'plan_print', view: { id: plan.id } });
    expect(press.problems).toEqual([]);
    expect(press.body).toBe('');
    const complete = await app.fake.waitForCall('files.completeUploadExternal');
    expect(complete.ok, JSON.stringify(complete.response)).toBe(true);
    const dm = app.fake.callsTo('conversations.open').find((c) => c.args['users'] === WORKER)!;
    const dmChannel = String((dm.response['channel'] as Obj)['id']);
    expect(dmChannel).toBe(app.fake.dmChannelFor(WORKER));
    expect(complete.args['channel_id']).toBe(dmChannel);
    const [file] = complete.args['files'] as Array<{ id: string; title: string }>;
    const got = app.fake.callsTo('files.getUploadURLExternal')[0]!;
    expect(file!.id).toBe((got.response as Obj)['file_id']);
    expect(file!.title).toBe('Plan for María González, version 2');
    const upload = app.fake.getUpload(file!.id)!;
    expect(upload.channels).toEqual([dmChannel]);
    expect(upload.bytes!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Number(got.args['length'])).toBe(upload.bytes!.length);

    // The version printed keeps the file id the upload returned; the earlier version has none.
    await vi.waitFor(() => expect(versions().at(-1)!.pdfFileId).toBe(file!.id));
    expect(versions().map((x) => x.pdfFileId)).toEqual([null, file!.id]);
  });

  it('the printable copy is a PDF with the goals, needs and a line for initials and date', async () => {
    const actor = actorOf(WORKER);
    addNeed(app.db, actor, { participantId: maria, category: 'transportation', description: 'Bus pass.', impact: 'Cannot reach training.', source: 'emergent', sourceNoteId: noteId }, ctx());
    const g = addGoal(app.db, actor, { participantId: maria, term: 'short', specific: 'Earn the forklift certificate this winter', measure: 'Certificate issued', attainableRelevant: 'Employer pays for it.', targetDate: '2027-02-15' }, ctx());
    if (g.kind !== 'ok') throw new Error('goal not added');
    const { readPlanVersion } = await import('../../src/db/plan');
    const version = readPlanVersion(app.db, actor, g.planVersionId, { now: app.clock.now() });
    if (version.kind !== 'ok') throw new Error('version not readable');
    const input = { participantName: 'María González', versionNo: version.version.versionNo, createdAt: version.version.createdAt, planKinds: version.planKinds, snapshot: version.snapshot, printedOn: TODAY };

    const pdf = await buildPlanPdf(input, { compress: false });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(raw.match(/\/Type \/Page\b/g)?.length).toBeGreaterThanOrEqual(1);
    // pdfkit writes text as hex strings in TJ arrays: decode them line by line.
    const lines = [...raw.matchAll(/\[([^\]]*)\] TJ/g)].map((m) => [...m[1]!.matchAll(/<([0-9a-f]+)>/gi)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    const text = lines.join('\n');
    expect(text).toContain('Earn the forklift certificate this winter');
    expect(text).toContain('Transportation: Bus pass.');
    expect(text).toContain('Participant initials:');
    expect(text).toContain('María González');
    expect(text).toContain('Who is responsible for what');

    const compressed = await buildPlanPdf(input);
    expect(compressed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

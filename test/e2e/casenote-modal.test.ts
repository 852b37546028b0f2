// The case-note modal, note checks, timeliness, records that are forever, and reading notes
// (issue 3), proven through signed requests against the fake Slack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amendNote, saveNote, type NewNote } from '../../src/db/notes';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { auditLog, caseNoteAmendments, caseNotes, employmentChanges, needs } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp, type TestAppOptions } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView, RecordedResponse } from '../harness/fake-slack';
import {
  checkboxes,
  datepicker,
  externalSelect,
  plainText,
  radioButtons,
  staticSelect,
  timepicker,
  type StateValues,
} from '../harness/slack-request';

// Dana works from Denver while the agency's zone is Chicago: every date and time below is Dana's.
const NOW = '2026-11-23T18:00:00.000Z'; // Monday Nov 23, 2026, 11:00 in Denver
const DANAS_ZONE = 'America/Denver';
const TODAY = '2026-11-23';

const WORKER = 'U0WORKER01'; // Dana Rivera, on Sol's team
const OUTSIDER = 'U0WORKER03'; // Sam Okafor, on Rue's team
const SUPERVISOR = 'U0SUPERV01'; // Sol Marquez, leads Dana
const OTHER_SUPERVISOR = 'U0SUPERV02'; // Rue Adams, leads Sam
const PARTNER = 'U0PARTNER1'; // Pat Jones, a job coach at a partner agency (not Tickler staff)
const CHANNEL = 'C0GENERAL1';
const PARTNER_CHANNEL = 'C0PARTNERS';

type Obj = Record<string, unknown>;
interface Element {
  type: string;
  action_id?: string;
  value?: string;
  initial_value?: string;
  initial_date?: string;
  initial_time?: string;
  initial_option?: { value: string; text: { text: string } };
  initial_options?: Array<{ value: string }>;
}
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Element[];
  accessory?: Element;
  element?: Element;
}

const v = (state: Obj) => ({ value: state });
const participantPick = (id: number, label = 'María González') => ({ participant_search: externalSelect(String(id), label) });

function blocksOf(body: Obj | undefined): Block[] {
  return (Array.isArray(body?.['blocks']) ? body['blocks'] : []) as Block[];
}

function elementsIn(blocks: Block[]): Element[] {
  return blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : []), ...(b.element ? [b.element] : [])]);
}

function elementOf(blocks: unknown[], blockId: string): Element | undefined {
  return (blocks as Block[]).find((b) => b.block_id === blockId)?.element;
}

/** Block ids of the notes shown (`note_<id>`), in order. */
function noteIdsShown(blocks: Block[]): number[] {
  return blocks.map((b) => /^note_(\d+)$/.exec(b.block_id ?? '')?.[1]).filter((x): x is string => !!x).map(Number);
}

function unixTs(iso: string, micro = '000200'): string {
  return `${Date.parse(iso) / 1000}.${micro}`;
}

describe('case notes: the modal, its checks, and reading notes back', () => {
  let app: TestApp;
  let maria: number; // Dana's participant
  let rosa: number; // Sam's participant
  let cleanup: Array<() => void> = [];
  let modalResponseUrl: string | undefined; // the response_url of the last `/casenote` that opened the modal

  async function boot(opts: TestAppOptions = {}) {
    app = await startTestApp({ now: NOW, ...opts });
    const now = app.clock.now();
    const people: Array<[string, string]> = [
      [WORKER, 'Dana Rivera'],
      [OUTSIDER, 'Sam Okafor'],
      [SUPERVISOR, 'Sol Marquez'],
      [OTHER_SUPERVISOR, 'Rue Adams'],
      [PARTNER, 'Pat Jones'],
    ];
    for (const [id, name] of people) app.addUser(id, name, { tz: DANAS_ZONE });
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez', tz: DANAS_ZONE }, now);
    addStaff(app.db, OTHER_SUPERVISOR, { role: 'supervisor', name: 'Rue Adams', tz: DANAS_ZONE }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera', tz: DANAS_ZONE }, now);
    addStaff(app.db, OUTSIDER, { supervisorId: OTHER_SUPERVISOR, name: 'Sam Okafor', tz: DANAS_ZONE }, now);
    maria = enroll(WORKER, 'María González');
    rosa = enroll(OUTSIDER, 'Rosa Zamora');
  }

  beforeEach(async () => {
    cleanup = [];
    await boot();
  });
  afterEach(async () => {
    await app.close();
    for (const c of cleanup) c();
  });

  function actorOf(userId: string) {
    return actorFor(getStaff(app.db, userId)!, new Set());
  }

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

  /** A note written straight to the store (the reading tests are about what is shown). */
  function seedNote(author: string, participantId: number, at: string, body: string, extra: Partial<NewNote> = {}): number {
    const result = saveNote(
      app.db,
      actorOf(author),
      {
        participantId,
        source: 'modal',
        contactKind: 'participant',
        method: 'phone',
        interactionAt: new Date(at),
        interactionTz: DANAS_ZONE,
        timeKnown: true,
        location: 'Remote',
        subject: 'Phone: follow-up',
        body,
        lateExplanation: 'Back-entered from the paper file.',
        checkWarnings: [],
        checkChoice: 'none',
        ...extra,
      },
      app.config.profiles,
      app.clock.now(),
    );
    if (result.kind !== 'saved') throw new Error(`seed note not saved: ${result.kind}`);
    return result.noteId;
  }

  function notes() {
    return app.db.select().from(caseNotes).all();
  }

  /** `/casenote` with no text: the empty modal, opened with the command's trigger. */
  async function openModal(userId = WORKER): Promise<{ view: FakeView; responseUrl: string }> {
    const res = await app.slack.command({ command: '/casenote', text: '', userId, channelId: CHANNEL });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('casenote');
    modalResponseUrl = res.responseUrl;
    return { view, responseUrl: res.responseUrl };
  }

  /** The private confirmation of a note saved from the modal opened last. */
  async function confirmed() {
    const reply = await responseTo(modalResponseUrl, (r) => r.body['text'] === 'Note saved');
    expect(JSON.stringify(reply.body['blocks'])).toContain('Note saved for *María González*');
  }

  /** A complete note about Maria, as Dana fills it in: a phone call at 09:15 this morning. */
  function completeNote(overrides: StateValues = {}): StateValues {
    return {
      participant: participantPick(maria),
      interaction_date: v(datepicker(TODAY)),
      interaction_time: v(timepicker('09:15')),
      method: v(staticSelect('phone')),
      contact_kind: v(radioButtons('participant')),
      body: v(plainText('Called to confirm the CASAS appointment. Participant will bring her state ID and social security card.')),
      next_steps: v(plainText('Send the CASAS reminder text on 11/30.')),
      next_appointment_date: v(datepicker('2026-12-01')),
      next_appointment_time: v(timepicker('10:30')),
      ...overrides,
    };
  }

  async function submit(values: StateValues, opts: { viewId?: string; hash?: string; userId?: string } = {}) {
    const res = await app.slack.viewSubmission({ userId: opts.userId ?? WORKER, callbackId: 'casenote', values, ...opts });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return res;
  }

  async function responseTo(url: string | undefined, predicate: (r: RecordedResponse) => boolean = () => true): Promise<RecordedResponse> {
    const reply = await app.fake.waitForResponse((r) => r.url === url && predicate(r));
    expect(reply.ok).toBe(true);
    return reply;
  }

  async function participantCommand(userId: string, text: string) {
    const res = await app.slack.command({ command: '/participant', text, userId, channelId: CHANNEL });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const reply = await responseTo(res.responseUrl);
    return { reply, ts: reply.messageTs!, blocks: blocksOf(reply.body) };
  }

  async function casenoteSearch(userId: string, words: string) {
    const res = await app.slack.command({ command: '/casenote', text: `search ${words}`, userId, channelId: CHANNEL });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.problems).toEqual([]);
    const reply = await responseTo(res.responseUrl);
    expect(reply.body['response_type']).toBe('ephemeral');
    return { reply, ts: reply.messageTs!, blocks: blocksOf(reply.body), shown: JSON.stringify(reply.body) };
  }

  async function pressInMessage(userId: string, ts: string, actionId: string) {
    const res = await app.slack.blockAction({ userId, actionId, channelId: CHANNEL, messageTs: ts });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return res;
  }

  function messageBlocks(ts: string): Block[] {
    return (app.fake.findMessage(CHANNEL, ts)?.blocks ?? []) as Block[];
  }

  // ------------------------------------------------------------------------- 1. the modal

  it('`/casenote` opens the empty modal; a complete note is saved at the time Dana gave, in her zone, and confirmed through the command’s response_url', async () => {
    const { view, responseUrl } = await openModal();
    expect(elementOf(view.blocks, 'interaction_date')?.initial_date).toBe(TODAY);
    expect(elementOf(view.blocks, 'participant')).toMatchObject({ type: 'external_select', action_id: 'participant_search' });
    expect(elementOf(view.blocks, 'participant')?.initial_option).toBeUndefined();
    // The participant search in the modal offers Dana's participants only.
    const search = await app.slack.blockSuggestion({ userId: WORKER, actionId: 'participant_search', value: '', viewId: view.id });
    expect(search.problems).toEqual([]);
    expect(search.json<{ options: Array<{ value: string }> }>().options.map((o) => o.value)).toEqual([String(maria)]);

    const res = await submit(completeNote({ subject: v(plainText(null)) }));
    expect(res.body).toBe('');
    expect(app.fake.viewStack(view.id)).toEqual([]); // the modal closed

    expect(notes()).toMatchObject([
      {
        participantId: maria,
        authorId: WORKER,
        source: 'modal',
        contactKind: 'participant',
        method: 'phone',
        interactionAt: '2026-11-23T16:15:00.000Z', // 09:15 in Denver, not Chicago
        interactionTz: DANAS_ZONE,
        interactionDate: TODAY,
        interactionTimeKnown: true,
        location: 'Remote',
        subject: 'Phone: Called to confirm the CASAS appointment.',
        body: 'Called to confirm the CASAS appointment. Participant will bring her state ID and social security card.',
        nextSteps: 'Send the CASAS reminder text on 11/30.',
        nextAppointmentDate: '2026-12-01',
        nextAppointmentAt: '2026-12-01T17:30:00.000Z',
        timeliness: 'on_time',
        checkChoice: 'none',
        checkWarnings: null,
        lateExplanation: null,
      },
    ]);

    const reply = await responseTo(responseUrl);
    expect(reply.body['response_type']).toBe('ephemeral');
    const shown = JSON.stringify(reply.body['blocks']);
    expect(shown).toContain('Note saved for *María González*');
    expect(shown).toContain('Nov 23, 2026');
  });

  // ---------------------------------------------------------------------- 2. validation

  describe('a note that is not complete or not possible is answered on the field, and nothing is written', () => {
    async function refused(overrides: StateValues, errors: Record<string, unknown>) {
      const res = await submit(completeNote(overrides));
      expect(res.json()).toEqual({ response_action: 'errors', errors });
      expect(notes()).toEqual([]);
    }

    beforeEach(async () => {
      await openModal();
    });

    it('a blank body', async () => {
      await refused({ body: v(plainText('   ')) }, { body: expect.stringMatching(/what happened/i) });
    });

    it('a contact date in the future', async () => {
      await refused({ interaction_date: v(datepicker('2026-11-24')) }, { interaction_date: expect.stringMatching(/future/i) });
    });

    it('a time later than now, today (11:30 when it is 11:00 in Denver)', async () => {
      await refused({ interaction_time: v(timepicker('11:30')) }, { interaction_time: expect.stringMatching(/not come yet/i) });
    });

    it('a collateral contact without the other person’s name', async () => {
      await refused(
        { contact_kind: v(radioButtons('collateral')), collateral_relationship: v(staticSelect('employer')) },
        { collateral_name: expect.stringMatching(/name the person/i) },
      );
    });

    it('an emergent need ticked without its category, description and effect on the goal', async () => {
      await refused(
        { emergent_need: v(checkboxes(['yes'])) },
        {
          need_category: expect.stringMatching(/category/i),
          need_description: expect.stringMatching(/describe/i),
          need_impact: expect.stringMatching(/goal/i),
        },
      );
    });

    it('an employment change “hired” without employer or start date, and a wage that does not read as one', async () => {
      await refused(
        { employment_change: v(radioButtons('hired')), wage: v(plainText('a lot')) },
        {
          employer: expect.stringMatching(/employer/i),
          employment_date: expect.stringMatching(/first day of work/i),
          wage: expect.stringMatching(/18\.50\/hour/),
        },
      );
    });

    it('a next appointment before today', async () => {
      await refused({ next_appointment_date: v(datepicker('2026-11-22')) }, { next_appointment_date: expect.stringMatching(/today or later/i) });
    });

    it('no participant picked', async () => {
      await refused({ participant: { participant_search: externalSelect(null) } }, { participant: expect.stringMatching(/participant/i) });
    });
  });

  // --------------------------------------------------------------------- 3. note checks

  describe('note checks: opinions and medical detail are shown before saving', () => {
    const FLAGGED = 'I think she is ready for the forklift class. She takes sertraline every morning.';

    async function warned() {
      const { view } = await openModal();
      const res = await submit(completeNote({ body: v(plainText(FLAGGED)) }));
      const answer = res.json<{ response_action: string; view: { callback_id: string; blocks: Block[] } }>();
      expect(answer.response_action).toBe('update');
      expect(notes()).toEqual([]);
      return { view, answer };
    }

    it('“I think” and a medication name send the same modal back with the words highlighted and a *Save anyway* box; nothing is saved', async () => {
      const { view, answer } = await warned();
      expect(answer.view.callback_id).toBe('casenote');
      const blocks = answer.view.blocks;
      const shown = JSON.stringify(blocks);
      expect(shown).toContain('`I think`');
      expect(shown).toContain('`sertraline`');
      expect(shown).toMatch(/opinion/i);
      expect(blocks.find((b) => b.block_id === 'save_anyway')).toMatchObject({ type: 'input', element: { type: 'checkboxes' } });
      // The modal still holds what Dana typed.
      expect(elementOf(blocks, 'body')?.initial_value).toBe(FLAGGED);
      expect(elementOf(blocks, 'participant')?.initial_option).toMatchObject({ value: String(maria), text: { text: 'María González' } });
      expect(elementOf(blocks, 'interaction_time')?.initial_time).toBe('09:15');
      expect(elementOf(blocks, 'method')?.initial_option?.value).toBe('phone');
      // The fake replaced the open modal with it (same view id).
      expect(app.fake.getView(view.id)?.blocks).toEqual(blocks);
    });

    it('ticking *Save anyway* saves the note as written, recording that choice and the warnings', async () => {
      await warned();
      const res = await submit({ save_anyway: v(checkboxes(['yes'])) });
      expect(res.body).toBe('');
      const [note] = notes();
      expect(notes()).toHaveLength(1);
      expect(note).toMatchObject({ participantId: maria, body: FLAGGED, checkChoice: 'saved_anyway', interactionAt: '2026-11-23T16:15:00.000Z' });
      await confirmed();
      const stored = JSON.parse(note!.checkWarnings ?? '[]') as Array<{ kind: string; field: string; matched: string }>;
      expect(stored).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'opinion', field: 'body', matched: 'I think' }),
          expect.objectContaining({ kind: 'medical', field: 'body', matched: 'sertraline' }),
        ]),
      );
    });

    it('revising the text to a clean one saves it, recording that it was revised', async () => {
      await warned();
      const revised = 'Participant stated she is ready for the forklift class. Participant reported a medical condition that does not limit the work.';
      const res = await submit({ body: v(plainText(revised)) });
      expect(res.body).toBe('');
      expect(notes()).toMatchObject([{ body: revised, checkChoice: 'revised', checkWarnings: null }]);
      await confirmed();
    });

    it('“medical assistant training” and the “Mercy Hospital job fair” are not flagged', async () => {
      await openModal();
      const body = 'Discussed medical assistant training at MATC. Participant will attend the Mercy Hospital job fair on 12/2 and bring 5 copies of her resume.';
      const res = await submit(completeNote({ body: v(plainText(body)) }));
      expect(res.body).toBe('');
      expect(notes()).toMatchObject([{ body, checkChoice: 'none', checkWarnings: null }]);
      await confirmed();
    });

    it('a flagged 3,000-character note still comes back as a valid modal', async () => {
      await openModal();
      const sentence = 'I think the participant & her sister <Ana> want the 2nd shift at Acme; she takes insulin. ';
      const body = sentence.repeat(40).slice(0, 3000);
      const res = await submit(completeNote({ body: v(plainText(body)) }));
      expect(res.json<{ response_action: string }>().response_action).toBe('update'); // problems [] above: a view Slack accepts
      expect(notes()).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------- 4. timeliness

  describe('timeliness: late notes and the explanation the program asks for', () => {
    it('11 calendar days after the contact (WIOA Adult: 10) the note needs an explanation, and is saved out of compliance with it', async () => {
      await openModal();
      const late = { interaction_date: v(datepicker('2026-11-12')), interaction_time: v(timepicker(null)), next_appointment_date: v(datepicker(null)), next_appointment_time: v(timepicker(null)) };
      const res = await submit(completeNote(late));
      expect(res.json()).toEqual({ response_action: 'errors', errors: { late_explanation: expect.stringContaining('Nov 22, 2026') } });
      expect(notes()).toEqual([]);

      const explained = await submit(completeNote({ ...late, late_explanation: v(plainText('Participant’s file was with the state monitor until 11/22.')) }));
      expect(explained.body).toBe('');
      expect(notes()).toMatchObject([
        {
          interactionDate: '2026-11-12',
          interactionTimeKnown: false,
          timeliness: 'late_out_of_compliance',
          noteDueDays: 10,
          lateExplanation: 'Participant’s file was with the state monitor until 11/22.',
        },
      ]);
      await confirmed();
    });

    it('10 days after is still within the limit, so no explanation is asked', async () => {
      await openModal();
      const res = await submit(completeNote({ interaction_date: v(datepicker('2026-11-13')), interaction_time: v(timepicker(null)) }));
      expect(res.body).toBe('');
      expect(notes()).toMatchObject([{ interactionDate: '2026-11-13', timeliness: 'late_best_practice', lateExplanation: null }]);
      await confirmed();
    });

    it('a contact 3 days ago is saved as late against best practice (over 48 hours), without an explanation', async () => {
      await openModal();
      const res = await submit(completeNote({ interaction_date: v(datepicker('2026-11-20')), interaction_time: v(timepicker('14:00')) }));
      expect(res.body).toBe('');
      expect(notes()).toMatchObject([{ interactionDate: '2026-11-20', timeliness: 'late_best_practice', lateExplanation: null }]);
      await confirmed();
    });

    it('an agency that sets WIOA Adult to 5 days (South Dakota) asks for the explanation from day 6', async () => {
      await app.fake.waitForCall('auth.test'); // Bolt's start-up check, before this app makes way for the agency's
      await app.close();
      const dir = mkdtempSync(join(tmpdir(), 'tickler-sd-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'tickler.yaml');
      writeFileSync(file, 'profiles:\n  wioa-adult:\n    noteDueRequiredDays: 5\n');
      await boot({ env: { TICKLER_CONFIG: file } });

      await openModal();
      const day6 = { interaction_date: v(datepicker('2026-11-17')), interaction_time: v(timepicker(null)) };
      const refused = await submit(completeNote(day6));
      expect(refused.json()).toEqual({ response_action: 'errors', errors: { late_explanation: expect.stringContaining('Nov 22, 2026') } });
      expect(notes()).toEqual([]);

      const day5 = await submit(completeNote({ interaction_date: v(datepicker('2026-11-18')), interaction_time: v(timepicker(null)) }));
      expect(day5.body).toBe('');
      expect(notes()).toMatchObject([{ interactionDate: '2026-11-18', timeliness: 'late_best_practice', noteDueDays: 5, lateExplanation: null }]);
      await confirmed();

      await openModal();
      const explained = await submit(completeNote({ ...day6, late_explanation: v(plainText('Waited for the employer’s written verification.')) }));
      expect(explained.body).toBe('');
      expect(notes().map((n) => [n.interactionDate, n.timeliness, n.noteDueDays])).toEqual([
        ['2026-11-18', 'late_best_practice', 5],
        ['2026-11-17', 'late_out_of_compliance', 5],
      ]);
      await confirmed();
    });
  });

  // ----------------------------------------------------------------------- 5. forever

  it('the same view submitted twice (same view id and hash) creates one note, and the second answer says it was already saved', async () => {
    const { view, responseUrl } = await openModal();
    const { id, hash } = view;
    const first = await submit(completeNote(), { viewId: id, hash });
    expect(first.body).toBe('');
    const second = await submit(completeNote(), { viewId: id, hash });
    expect(second.body).toBe('');
    expect(notes()).toHaveLength(1);
    expect(notes()[0]).toMatchObject({ slackViewId: id, slackViewHash: hash });

    await responseTo(responseUrl, (r) => r.body['text'] === 'Note saved');
    const again = await responseTo(responseUrl, (r) => r.body['text'] === 'This note was already saved');
    expect(JSON.stringify(again.body['blocks'])).toContain('already saved');
  });

  // ------------------------------------------------------ 6. emergent need, employment

  it('an emergent need goes to the needs table (source emergent, linked to the note) and a hire to employment_changes with its wage', async () => {
    await openModal();
    const res = await submit(
      completeNote({
        emergent_need: v(checkboxes(['yes'])),
        need_category: v(staticSelect('transportation')),
        need_description: v(plainText('Car was repossessed; no ride to the 6 am shift.')),
        need_impact: v(plainText('Cannot start the warehouse job until transportation is arranged.')),
        employment_change: v(radioButtons('hired')),
        employer: v(plainText('Acme Logistics')),
        employment_date: v(datepicker('2026-11-30')),
        wage: v(plainText('18.50/hour')),
      }),
    );
    expect(res.body).toBe('');
    const [note] = notes();
    expect(notes()).toHaveLength(1);
    expect(app.db.select().from(needs).all()).toMatchObject([
      {
        participantId: maria,
        category: 'transportation',
        description: 'Car was repossessed; no ride to the 6 am shift.',
        impact: 'Cannot start the warehouse job until transportation is arranged.',
        source: 'emergent',
        sourceNoteId: note!.id,
        status: 'open',
        recordedBy: WORKER,
      },
    ]);
    expect(app.db.select().from(employmentChanges).all()).toMatchObject([
      { participantId: maria, noteId: note!.id, kind: 'hired', employerName: 'Acme Logistics', effectiveDate: '2026-11-30', wageCents: 1850, wagePeriod: 'hour', recordedBy: WORKER },
    ]);
    await confirmed();
  });

  // -------------------------------------------------------------------- 7. reading notes

  describe('the participant card shows the latest notes with their amendments', () => {
    it('newest first, 3 per page, amendments under their note; *Older notes ›* turns the page in place', async () => {
      const ids = ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].map((d, i) =>
        seedNote(WORKER, maria, `${d}T16:00:00.000Z`, `Contact number ${i + 1}: reviewed the job search log.`),
      );
      const [n1, n2, n3, n4, n5] = ids as [number, number, number, number, number];
      const dana = actorOf(WORKER);
      amendNote(app.db, dana, n4, { reason: 'Wrong date of the workshop', text: 'The workshop is on 12/4, not 12/3.', checkWarnings: [], checkChoice: 'none' }, app.clock.now());
      amendNote(app.db, dana, n4, { reason: 'Added the room', text: 'Room 204 at the job center.', checkWarnings: [], checkChoice: 'none' }, app.clock.now());

      const card = await participantCommand(WORKER, 'maria');
      expect(noteIdsShown(card.blocks)).toEqual([n5, n4, n3]);
      const order = card.blocks.map((b) => b.block_id);
      expect(order.indexOf(`note_amendments_${n4}`)).toBe(order.indexOf(`note_meta_${n4}`) + 1);
      expect(order.indexOf(`note_amendments_${n4}`)).toBeLessThan(order.indexOf(`note_${n3}`));
      const amendments = card.blocks.find((b) => b.block_id === `note_amendments_${n4}`)!.text!.text;
      expect(amendments).toContain('by Dana Rivera');
      expect(amendments).toContain('Wrong date of the workshop');
      expect(amendments.indexOf('12/4, not 12/3')).toBeLessThan(amendments.indexOf('Room 204'));
      expect(JSON.stringify(card.blocks)).toContain('*Case notes* (5, newest first)');
      const older = elementsIn(card.blocks).find((e) => e.action_id === 'card_notes_next');
      expect(older).toMatchObject({ type: 'button', value: `${maria}:3` });

      const press = await pressInMessage(WORKER, card.ts, 'card_notes_next');
      const turned = await responseTo(press.responseUrl);
      expect(turned.body['replace_original']).toBe(true);
      expect(turned.messageTs).toBe(card.ts);
      const page2 = messageBlocks(card.ts);
      expect(noteIdsShown(page2)).toEqual([n2, n1]);
      expect(elementsIn(page2).map((e) => e.action_id)).toContain('card_notes_prev');
      expect(elementsIn(page2).map((e) => e.action_id)).not.toContain('card_notes_next');
    });

    it('three 3,000-character notes with 10 long amendments each keep the card within Block Kit limits, in a message and in a modal', async () => {
      const para = 'Met with participant to review the résumé, the job search log and the bus schedule for the 2nd shift at Acme & Sons <warehouse>. ';
      const long = para.repeat(30).slice(0, 3000);
      const dana = actorOf(WORKER);
      const ids = [20, 21, 22].map((d) => seedNote(WORKER, maria, `2026-11-${d}T16:00:00.000Z`, long, { nextSteps: long.slice(0, 1000), subject: long.slice(0, 150) }));
      for (const id of ids) {
        for (let i = 1; i <= 10; i++) {
          amendNote(app.db, dana, id, { reason: `Correction ${i}: ${long.slice(0, 280)}`, text: long, checkWarnings: [], checkChoice: 'none' }, app.clock.now());
        }
      }
      expect(app.db.select().from(caseNoteAmendments).all()).toHaveLength(30);

      const card = await participantCommand(WORKER, 'maria'); // the fake refuses a message Slack would refuse
      expect(noteIdsShown(card.blocks)).toEqual([...ids].reverse());
      for (const id of ids) {
        const amendments = card.blocks.find((b) => b.block_id === `note_amendments_${id}`)!.text!.text;
        expect(amendments.match(/:pencil2:/g)).toHaveLength(10);
        expect(amendments).toContain('(Correction 1: ');
        expect(amendments).toContain('(Correction 10: '); // the latest is not the one cut
      }

      // The same card as a modal: a participant picked in a view (the App Home picker).
      const home = { id: 'V0HOMEDANA', type: 'home', callback_id: '', private_metadata: '', blocks: [], state: { values: {} } };
      const pick = await app.slack.blockAction({ userId: WORKER, actionId: 'participant_search', actionType: 'external_select', view: home, selectedOption: { value: String(maria), text: 'María González' } });
      expect(pick.problems).toEqual([]);
      const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === pick.triggerId);
      expect(open.ok).toBe(true);
      expect(noteIdsShown((open.args['view'] as { blocks: Block[] }).blocks)).toEqual([...ids].reverse());
    });
  });

  // ------------------------------------------------------------------------ 8. search

  describe('`/casenote search <words>`', () => {
    let danas: number[]; // the 12 matching notes about Maria, oldest first

    beforeEach(() => {
      danas = Array.from({ length: 12 }, (_, i) => {
        const day = String(10 + i).padStart(2, '0');
        return seedNote(WORKER, maria, `2026-11-${day}T17:00:00.000Z`, `Reviewed the résumé draft number ${i + 1} with participant; added the forklift certificate.`);
      });
      seedNote(WORKER, maria, '2026-11-22T17:00:00.000Z', 'Bus pass issued for December.');
      seedNote(OUTSIDER, rosa, '2026-11-23T15:00:00.000Z', 'Rosa Zamora brought her résumé to the workshop.');
    });

    it('shows privately the notes the user may see, newest first, with the matched words in bold, accents ignored, 10 to a page', async () => {
      const { blocks, shown, ts } = await casenoteSearch(WORKER, 'resume');
      const hitIds = blocks.map((b) => /^search_(\d+)$/.exec(b.block_id ?? '')?.[1]).filter(Boolean).map(Number);
      expect(hitIds).toEqual([...danas].reverse().slice(0, 10));
      expect(shown).toContain('*résumé*');
      expect(shown).toContain('María González');
      expect(shown).not.toMatch(/Zamora|Rosa/); // Sam's participant never appears
      expect(shown).not.toContain('Bus pass');

      const older = elementsIn(blocks).find((e) => e.action_id === 'casenote_search_next')!;
      expect(JSON.parse(older.value!)).toEqual({ q: 'resume', o: 10 });
      const press = await pressInMessage(WORKER, ts, 'casenote_search_next');
      const turned = await responseTo(press.responseUrl);
      expect(turned.body['replace_original']).toBe(true);
      expect(turned.messageTs).toBe(ts);
      const page2 = messageBlocks(ts);
      const page2Ids = page2.map((b) => /^search_(\d+)$/.exec(b.block_id ?? '')?.[1]).filter(Boolean).map(Number);
      expect(page2Ids).toEqual([danas[1], danas[0]]);
      expect(elementsIn(page2).map((e) => e.action_id)).toEqual(expect.arrayContaining(['casenote_search_prev']));
      expect(elementsIn(page2).map((e) => e.action_id)).not.toContain('casenote_search_next');

      // Dana's own searches of her own participants are not audited.
      expect(app.db.select().from(auditLog).all().filter((a) => a.action === 'note-search')).toEqual([]);
    });

    it('another worker finds only their own participant’s note', async () => {
      const { blocks, shown } = await casenoteSearch(OUTSIDER, 'résumé');
      expect(blocks.filter((b) => /^search_\d+$/.test(b.block_id ?? ''))).toHaveLength(1);
      expect(shown).toContain('Rosa Zamora');
      expect(shown).not.toContain('María');
    });

    it('a supervisor’s search of a team member’s participant is audited without the words searched', async () => {
      const { shown } = await casenoteSearch(SUPERVISOR, 'forklift certificate');
      expect(shown).toContain('María González');
      expect(shown).not.toContain('Zamora');
      const audits = app.db.select().from(auditLog).all().filter((a) => a.action === 'note-search');
      expect(audits).toMatchObject([{ actorId: SUPERVISOR, entity: 'participant', entityId: String(maria), basis: 'supervisor' }]);
      expect(JSON.stringify(audits)).not.toMatch(/forklift|certificate/i);
    });

    it('nothing matching says so', async () => {
      const { blocks } = await casenoteSearch(WORKER, 'zebra');
      expect(blocks).toHaveLength(1);
      expect(blocks[0]?.text?.text).toContain('No case notes you can see match “zebra”');
    });
  });

  // ------------------------------------------------------------ 9. Save as case note

  it('*Save as case note* opens the modal filled from the message, then adds the permalink and the author’s name; the note keeps the link', async () => {
    const ts = unixTs('2026-11-23T15:30:00.000Z'); // 08:30 in Denver
    const text = 'María finished the forklift safety module this morning and picked up her certificate. She starts Monday.';
    const shortcut = await app.slack.messageShortcut({
      userId: WORKER,
      callbackId: 'save_as_case_note',
      channelId: PARTNER_CHANNEL,
      message: { ts, text, user: PARTNER },
    });
    expect(shortcut.status).toBe(200);
    expect(shortcut.problems).toEqual([]);

    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === shortcut.triggerId);
    expect(open.ok).toBe(true);
    const opened = open.args['view'] as { callback_id: string; blocks: Block[] };
    expect(opened.callback_id).toBe('casenote');
    expect(elementOf(opened.blocks, 'body')?.initial_value).toBe(text);
    expect(elementOf(opened.blocks, 'contact_kind')?.initial_option?.value).toBe('collateral');
    expect(elementOf(opened.blocks, 'interaction_date')?.initial_date).toBe(TODAY);
    expect(elementOf(opened.blocks, 'interaction_time')?.initial_time).toBe('08:30');

    const viewId = String((open.response['view'] as Obj)['id']);
    const update = await app.fake.waitForCall('views.update', (c) => c.args['view_id'] === viewId);
    expect(update.ok).toBe(true);
    const permalinkCall = app.fake.lastCall('chat.getPermalink')!;
    expect(permalinkCall.args).toMatchObject({ channel: PARTNER_CHANNEL, message_ts: ts });
    const permalink = String(permalinkCall.response['permalink']);
    expect(app.fake.callsTo('users.info').map((c) => c.args['user'])).toContain(PARTNER);
    const updated = app.fake.getView(viewId)!;
    expect(elementOf(updated.blocks, 'collateral_name')?.initial_value).toBe('Pat Jones');
    expect(JSON.parse(updated.private_metadata)).toMatchObject({ source: 'message_shortcut', permalink });

    const res = await submit({ participant: participantPick(maria), collateral_relationship: v(staticSelect('partner')) }, { viewId });
    expect(res.body).toBe('');
    expect(notes()).toMatchObject([
      {
        participantId: maria,
        source: 'message_shortcut',
        sourcePermalink: permalink,
        contactKind: 'collateral',
        collateralName: 'Pat Jones',
        collateralRelationship: 'partner',
        method: 'text',
        body: text,
        interactionAt: '2026-11-23T15:30:00.000Z',
        interactionTz: DANAS_ZONE,
        interactionTimeKnown: true,
      },
    ]);
    // No response_url comes with a view opened from a shortcut: the confirmation is a DM.
    const dm = await app.fake.waitForCall('chat.postMessage', (c) => c.args['text'] === 'Note saved');
    expect(dm.ok).toBe(true);
    expect(dm.args['channel']).toBe(app.fake.dmChannelFor(WORKER));
  });

  // --------------------------------------------------------------- 10. from the card

  it('*Log a note* on the card opens the modal with that participant already picked', async () => {
    const card = await participantCommand(WORKER, 'maria');
    const button = elementsIn(card.blocks).find((e) => e.action_id === 'casenote_start');
    expect(button?.value).toBe(String(maria));

    const press = await pressInMessage(WORKER, card.ts, 'casenote_start');
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok).toBe(true);
    const view = open.args['view'] as { callback_id: string; blocks: Block[] };
    expect(view.callback_id).toBe('casenote');
    expect(elementOf(view.blocks, 'participant')?.initial_option).toMatchObject({ value: String(maria), text: { text: 'María González' } });
    expect(elementOf(view.blocks, 'interaction_date')?.initial_date).toBe(TODAY);

    const res = await submit({ method: v(staticSelect('face_to_face')), body: v(plainText('Reviewed the job search log together.')) });
    expect(res.body).toBe('');
    expect(notes()).toMatchObject([{ participantId: maria, method: 'face_to_face', source: 'modal', interactionDate: TODAY, interactionTimeKnown: false }]);
    const confirmation = await responseTo(press.responseUrl);
    expect(JSON.stringify(confirmation.body['blocks'])).toContain('Note saved for *María González*');
  });
});

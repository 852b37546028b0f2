// /casenote quick entry (issue 3, "Quick entry" and "Records are forever"), end to end: the real
// Bolt app over HTTP, signed requests, the fake Slack checking every view and message it is sent.
import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { auditLog, caseNoteAmendments, caseNotes, staff } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { RecordedCall, RecordedResponse } from '../harness/fake-slack';
import { checkboxes, datepicker, plainText, timepicker, type CommandResult } from '../harness/slack-request';

const WORKER = 'U0WORKER01'; // Dana Rivera, in Chicago
const COLLEAGUE = 'U0WORKER02'; // Sam Okafor, another caseload
const ZONE = 'America/Chicago';
// 21:30 on Monday Nov 23 in Chicago — already Tuesday Nov 24 in UTC.
const NOW = '2026-11-24T03:30:00.000Z';
const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
// A DM between Dana and someone else, and a private channel: the bot is in neither.
const DM = 'D0DANASAM1';
const PRIVATE = 'G0CASETEAM';

const CASAS = 'maria g phone yesterday confirmed CASAS appt for 12/3, will bring ID';
const CASAS_BODY = 'confirmed CASAS appt for 12/3, will bring ID';

interface Element {
  type: string;
  action_id?: string;
  value?: string;
  text?: { text: string };
  initial_value?: string;
  initial_date?: string;
  initial_option?: { value: string; text: { text: string } };
  options?: Array<{ value: string; text: { text: string } }>;
}
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  element?: Element;
  elements?: Element[];
}
interface ModalView {
  id: string;
  callback_id: string;
  title: { text: string };
  private_metadata: string;
  blocks: Block[];
}

function blockOf(blocks: Block[], blockId: string): Block {
  const found = blocks.find((b) => b.block_id === blockId);
  if (!found) throw new Error(`no block ${blockId}; blocks: ${blocks.map((b) => b.block_id).join(', ')}`);
  return found;
}
const elementOf = (view: ModalView, blockId: string): Element => blockOf(view.blocks, blockId).element!;
const hasBlock = (blocks: Block[], blockId: string) => blocks.some((b) => b.block_id === blockId);
const blocksOf = (r: RecordedResponse) => r.body['blocks'] as Block[];

describe('/casenote quick entry', () => {
  let app: TestApp;
  let maria: number;

  function enroll(fullName: string, caseManagerId: string, overrides: Partial<NewParticipant> = {}): number {
    return enrollParticipant(
      app.db,
      actorFor(getStaff(app.db, caseManagerId)!, new Set()),
      {
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
        ...overrides,
      },
      app.clock.now(),
    );
  }

  beforeEach(async () => {
    app = await startTestApp({ now: NOW, agencyTz: 'America/New_York' });
    app.addUser(WORKER, 'Dana Rivera');
    app.addUser(COLLEAGUE, 'Sam Okafor');
    addStaff(app.db, WORKER, { name: 'Dana Rivera', tz: ZONE }, app.clock.now());
    addStaff(app.db, COLLEAGUE, { name: 'Sam Okafor', tz: ZONE }, app.clock.now());
    app.fake.addChannel({ id: DM, botMember: false, members: [WORKER, COLLEAGUE] });
    app.fake.addChannel({ id: PRIVATE, is_private: true, botMember: false, members: [WORKER, COLLEAGUE] });
    maria = enroll('María González', WORKER, { preferredLanguage: 'Spanish' });
  });

  afterEach(async () => {
    // Every view and message the app sent passed Slack's checks (Block Kit limits included).
    try {
      expect(app.fake.calls.filter((c) => !c.ok).map((c) => ({ method: c.method, error: c.error, response: c.response }))).toEqual([]);
      expect(app.fake.responses.filter((r) => !r.ok).map((r) => ({ error: r.error, status: r.status }))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  const notes = () => app.db.select().from(caseNotes).all();
  const amendments = () => app.db.select().from(caseNoteAmendments).all();

  async function casenote(text: string, channelId = DM): Promise<CommandResult> {
    const res = await app.slack.command({ command: '/casenote', text, userId: WORKER, channelId });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return res;
  }

  /** The private confirmation a command gets through its own response_url. */
  async function confirmationOf(res: { responseUrl?: string }): Promise<RecordedResponse> {
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    expect(reply.body['response_type']).toBe('ephemeral');
    return reply;
  }

  /** The note modal opened (instead of saving) with the command's own trigger. */
  async function modalFor(res: { triggerId: string }): Promise<ModalView> {
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok).toBe(true);
    return open.args['view'] as ModalView;
  }

  const noticesOf = (view: ModalView) => (hasBlock(view.blocks, 'notices') ? blockOf(view.blocks, 'notices').text!.text : '');

  /**
   * Runs a request and records, at the instant the app writes its HTTP answer to Slack (the ack),
   * the case notes already in the database.
   */
  async function notesWhenAcked<T>(send: () => Promise<T>): Promise<{ result: T; atAck: Array<ReturnType<typeof notes>> }> {
    const proto = http.ServerResponse.prototype;
    const end = proto.end;
    const atAck: Array<ReturnType<typeof notes>> = [];
    proto.end = function (this: http.ServerResponse, ...args: unknown[]) {
      if (this.req?.url?.startsWith('/slack/events')) atAck.push(notes());
      return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
    } as typeof proto.end;
    try {
      return { result: await send(), atAck };
    } finally {
      proto.end = end;
    }
  }

  /** A one-liner that is saved at once; returns the note and its confirmation. */
  async function quickNote(text: string, channelId = DM) {
    const before = notes().length;
    const res = await casenote(text, channelId);
    const reply = await confirmationOf(res);
    const all = notes();
    expect(all).toHaveLength(before + 1);
    return { res, reply, note: all[all.length - 1]! };
  }

  describe('a complete one-liner is saved at once', () => {
    it('is committed before the ack, in the user’s calendar, with the body untouched', async () => {
      const { result: res, atAck } = await notesWhenAcked(() => casenote(CASAS));
      expect(res.body).toBe('');
      // The row was there when the app answered Slack: the note does not depend on anything after the ack.
      expect(atAck).toHaveLength(1);
      expect(atAck[0]).toHaveLength(1);
      expect(atAck[0]![0]).toMatchObject({
        participantId: maria,
        authorId: WORKER,
        source: 'quick_entry',
        contactKind: 'participant',
        method: 'phone',
        // "yesterday" in Chicago (it is already Nov 24 in UTC, where yesterday would be Nov 23).
        interactionDate: YESTERDAY,
        interactionTz: ZONE,
        interactionTimeKnown: false,
        location: 'Remote',
        body: CASAS_BODY,
        timeliness: 'on_time',
        checkChoice: 'none',
        lateExplanation: null,
      });
      expect(notes()).toEqual(atAck[0]);
      // Slack is told after the ack.
      await confirmationOf(res);
      expect(app.fake.callsTo('views.open')).toEqual([]);
    });

    it('is confirmed privately through the command’s response_url, showing what was understood, with Add details, Amend and Open card', async () => {
      const res = await casenote(CASAS, DM);
      const reply = await confirmationOf(res);
      const [note] = notes();
      const blocks = blocksOf(reply);
      expect(blockOf(blocks, 'saved_status').text!.text).toContain('Note saved for *María González*');
      const understood = blockOf(blocks, 'saved_understood').text!.text;
      expect(understood).toContain('*Date:* Nov 22, 2026');
      expect(understood).toContain('*Method:* Phone');
      expect(understood).toContain('*Location:* Remote');
      expect(understood).toContain(CASAS_BODY);
      const buttons = blockOf(blocks, 'saved_actions').elements!;
      expect(buttons.map((b) => [b.action_id, b.text?.text, b.value])).toEqual([
        ['casenote_add_details', 'Add details', String(note!.id)],
        ['casenote_amend_start', 'Amend', String(note!.id)],
        ['participant_open', 'Open card', String(maria)],
      ]);
      // Shown only to Dana, in the DM she typed in — which the bot is not part of.
      const shown = app.fake.findMessage(DM, reply.messageTs!);
      expect(shown).toMatchObject({ ephemeral: true, visibleTo: WORKER });
      expect(app.fake.callsTo('chat.postMessage')).toEqual([]);
      expect(app.fake.callsTo('chat.postEphemeral')).toEqual([]);
    });

    it('works the same from a private channel the bot is not in', async () => {
      const { reply, note } = await quickNote(CASAS, PRIVATE);
      expect(note).toMatchObject({ participantId: maria, method: 'phone', interactionDate: YESTERDAY });
      expect(app.fake.findMessage(PRIVATE, reply.messageTs!)).toMatchObject({ ephemeral: true, visibleTo: WORKER });
      expect(app.fake.callsTo('chat.postMessage')).toEqual([]);
    });

    it('face to face happens at the worker’s default office, or “Office” when none is set', async () => {
      const first = await quickNote('maria g f2f today reviewed the job search log together');
      expect(first.note).toMatchObject({ method: 'face_to_face', contactKind: 'participant', interactionDate: TODAY, location: 'Office' });

      app.db.update(staff).set({ defaultOffice: 'Eastside Job Center' }).where(eq(staff.slackUserId, WORKER)).run();
      const second = await quickNote('maria g in person went over the training application');
      expect(second.note).toMatchObject({ method: 'face_to_face', location: 'Eastside Job Center', body: 'went over the training application' });
      expect(blockOf(blocksOf(second.reply), 'saved_understood').text!.text).toContain('*Location:* Eastside Job Center');

      // Remote methods stay remote whatever the office.
      const third = await quickNote('maria g email sent the orientation packet');
      expect(third.note).toMatchObject({ method: 'email', location: 'Remote' });
    });

    it('“no answer” and “attempt” record an attempted contact, not a contact', async () => {
      const called = await quickNote('maria g no answer left a voicemail about the workshop');
      expect(called.note).toMatchObject({ contactKind: 'attempt', method: 'phone', location: 'Remote', body: 'left a voicemail about the workshop' });
      expect(blockOf(blocksOf(called.reply), 'saved_understood').text!.text).toContain('*Method:* Attempted phone contact');

      const texted = await quickNote('maria g attempt text asked her to call back about the bus pass');
      expect(texted.note).toMatchObject({ contactKind: 'attempt', method: 'text', body: 'asked her to call back about the bus pass' });
    });
  });

  describe('when quick entry cannot save, the modal opens pre-filled and says what is missing', () => {
    async function expectModalInstead(text: string): Promise<ModalView & { responseUrl: string }> {
      const res = await casenote(text);
      const view = await modalFor(res);
      expect(view.callback_id).toBe('casenote');
      expect(notes()).toEqual([]);
      expect(JSON.parse(view.private_metadata)).toMatchObject({ responseUrl: res.responseUrl, source: 'quick_entry' });
      return { ...view, responseUrl: res.responseUrl };
    }

    it('a name two participants share: both are named, none is picked, the rest is kept', async () => {
      enroll('Maria Lopez', WORKER);
      const view = await expectModalInstead('maria phone today called about the bus pass');
      expect(elementOf(view, 'participant').initial_option).toBeUndefined();
      expect(elementOf(view, 'method').initial_option?.value).toBe('phone');
      expect(elementOf(view, 'interaction_date').initial_date).toBe(TODAY);
      expect(elementOf(view, 'body').initial_value).toBe('called about the bus pass');
      const notices = noticesOf(view);
      expect(notices).toContain('“maria” matches 2 participants');
      expect(notices).toContain('María González');
      expect(notices).toContain('Maria Lopez');
      expect(notices).toContain('Pick the right one below.');
    });

    it('a name that matches no one: nothing is guessed and nothing typed is lost', async () => {
      const view = await expectModalInstead('zelda phone called about the bus pass');
      expect(elementOf(view, 'participant').initial_option).toBeUndefined();
      expect(noticesOf(view)).toContain('could not tell who the note is about');
      expect(elementOf(view, 'body').initial_value).toBe('zelda phone called about the bus pass');
    });

    it('a name on another worker’s caseload behaves exactly like an unknown name', async () => {
      enroll('Rosa Delgado', COLLEAGUE);
      const theirs = await expectModalInstead('rosa d phone called about the bus pass');
      const nobody = await expectModalInstead('zora d phone called about the bus pass');
      expect(elementOf(theirs, 'participant').initial_option).toBeUndefined();
      expect(noticesOf(theirs)).toBe(noticesOf(nobody));
      expect(JSON.stringify(theirs.blocks)).not.toContain('Delgado');
      expect(app.db.select().from(auditLog).all().filter((a) => a.action === 'read')).toEqual([]);
    });

    it('no method: the participant is picked, the date and text kept, and the method asked for', async () => {
      const view = await expectModalInstead('maria g yesterday dropped off her resume and two references');
      expect(elementOf(view, 'participant').initial_option).toMatchObject({ value: String(maria), text: { text: 'María González' } });
      expect(elementOf(view, 'method').initial_option).toBeUndefined();
      expect(elementOf(view, 'interaction_date').initial_date).toBe(YESTERDAY);
      expect(elementOf(view, 'body').initial_value).toBe('dropped off her resume and two references');
      expect(noticesOf(view)).toContain('Say how the contact happened');
    });

    it('no text: the participant and method are kept and what happened is asked for', async () => {
      const view = await expectModalInstead('maria g phone');
      expect(elementOf(view, 'participant').initial_option?.value).toBe(String(maria));
      expect(elementOf(view, 'method').initial_option?.value).toBe('phone');
      expect(elementOf(view, 'interaction_date').initial_date).toBe(TODAY);
      expect(elementOf(view, 'body').initial_value).toBeUndefined();
      expect(noticesOf(view)).toContain('Write what happened.');
    });

    it('a date in the future (tomorrow in Chicago, though already today in UTC) is refused', async () => {
      const view = await expectModalInstead('maria g phone 2026-11-24 confirmed the orientation time');
      expect(elementOf(view, 'participant').initial_option?.value).toBe(String(maria));
      expect(elementOf(view, 'method').initial_option?.value).toBe('phone');
      expect(elementOf(view, 'interaction_date').initial_date).toBe(TODAY);
      expect(elementOf(view, 'body').initial_value).toBe('confirmed the orientation time');
      expect(noticesOf(view)).toContain('“2026-11-24” is in the future');
    });

    it('opinions and medical details are not saved: the warnings are shown with the words highlighted and a Save anyway box', async () => {
      const opinion = await expectModalInstead('maria g phone I think she is lazy about the job search');
      expect(elementOf(opinion, 'body').initial_value).toBe('I think she is lazy about the job search');
      expect(blockOf(opinion.blocks, 'warnings_0').text!.text).toContain('Check the note before saving');
      const highlighted = blockOf(opinion.blocks, 'warnings_text_0').text!.text;
      expect(highlighted).toContain('`I think`');
      expect(highlighted).toContain('`lazy`');
      expect(elementOf(opinion, 'save_anyway')).toMatchObject({ type: 'checkboxes', options: [{ value: 'yes' }] });
      expect(JSON.parse(opinion.private_metadata)).toMatchObject({ warned: true });

      const medical = await expectModalInstead('maria g f2f started metformin and missed the workshop');
      expect(blockOf(medical.blocks, 'warnings_text_0').text!.text).toContain('`metformin`');
      expect(hasBlock(medical.blocks, 'save_anyway')).toBe(true);

      // Ticking Save anyway saves the note as written, and the choice is kept with it.
      const submit = await app.slack.viewSubmission({ userId: WORKER, viewId: medical.id, values: { save_anyway: { value: checkboxes(['yes']) } } });
      expect(submit.problems).toEqual([]);
      expect(submit.body).toBe('');
      expect(notes()).toMatchObject([{ participantId: maria, method: 'face_to_face', body: 'started metformin and missed the workshop', checkChoice: 'saved_anyway' }]);
      expect(JSON.parse(notes()[0]!.checkWarnings!)).toEqual([expect.objectContaining({ kind: 'medical', matched: 'metformin' })]);
      expect(JSON.stringify(blocksOf(await confirmationOf(medical)))).toContain('Note saved for *María González*');
    });

    it('a contact 11 days ago under WIOA Adult is past the 10-day limit: the modal asks why it is late', async () => {
      const view = await expectModalInstead('maria g phone 11/12 returned the signed IEP and asked about the bus pass');
      expect(elementOf(view, 'participant').initial_option?.value).toBe(String(maria));
      expect(elementOf(view, 'method').initial_option?.value).toBe('phone');
      expect(elementOf(view, 'interaction_date').initial_date).toBe('2026-11-12');
      expect(elementOf(view, 'body').initial_value).toBe('returned the signed IEP and asked about the bus pass');
      const notices = noticesOf(view);
      expect(notices).toContain('past the participant’s program limit');
      expect(notices).toContain('the last on-time day was Nov 22, 2026');
      expect(notices).toContain('Say why it is late');
      expect(hasBlock(view.blocks, 'late_explanation')).toBe(true);

      // Without the explanation it still is not saved; with it, it is, marked out of compliance.
      const blank = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: {} });
      expect(blank.problems).toEqual([]);
      expect(Object.keys(blank.json<{ errors: Record<string, string> }>().errors)).toEqual(['late_explanation']);
      expect(notes()).toEqual([]);
      const explained = await app.slack.viewSubmission({
        userId: WORKER,
        viewId: view.id,
        values: { late_explanation: { value: plainText('Covered two caseloads during the office move.') } },
      });
      expect(explained.problems).toEqual([]);
      expect(explained.body).toBe('');
      expect(notes()).toMatchObject([{ interactionDate: '2026-11-12', timeliness: 'late_out_of_compliance', lateExplanation: 'Covered two caseloads during the office move.' }]);
      expect(JSON.stringify(blocksOf(await confirmationOf(view)))).toContain('Note saved for *María González*');
    });

    it('10 days after is still within the limit: saved at once, flagged as after 48 hours', async () => {
      const { note, reply } = await quickNote('maria g phone 11/13 returned the signed IEP');
      expect(note).toMatchObject({ interactionDate: '2026-11-13', timeliness: 'late_best_practice', lateExplanation: null });
      expect(hasBlock(blocksOf(reply), 'saved_late')).toBe(true);
    });
  });

  it('the same one-liner twice within 60 seconds is one note, and the second confirmation says so', async () => {
    const first = await quickNote(CASAS);

    app.clock.advance(59_000);
    const again = await casenote(CASAS);
    const second = await confirmationOf(again);
    expect(notes()).toHaveLength(1);
    expect(blockOf(blocksOf(second), 'saved_status').text!.text).toContain('This note was already saved a moment ago for *María González*');
    expect(blockOf(blocksOf(second), 'saved_actions').elements![0]!.value).toBe(String(first.note.id));

    app.clock.advance(2_000); // 61 s after the first
    const later = await quickNote(CASAS);
    expect(later.note.id).not.toBe(first.note.id);
    expect(blockOf(blocksOf(later.reply), 'saved_status').text!.text).toContain('Note saved for');
    expect(notes()).toHaveLength(2);
  });

  it('/casenote alone opens the empty form; /casenote help explains the syntax privately', async () => {
    const empty = await casenote('');
    expect(empty.body).toBe('');
    const view = await modalFor(empty);
    expect(view.callback_id).toBe('casenote');
    expect(hasBlock(view.blocks, 'notices')).toBe(false);
    expect(elementOf(view, 'participant').initial_option).toBeUndefined();
    expect(elementOf(view, 'method').initial_option).toBeUndefined();
    expect(elementOf(view, 'interaction_date').initial_date).toBe(TODAY);
    expect(elementOf(view, 'body').initial_value).toBeUndefined();

    const help = await casenote('help');
    const reply = await confirmationOf(help);
    expect(String(reply.body['text'])).toContain('/casenote <who> [method] [date] <what happened>');
    expect(String(reply.body['text'])).toContain('`attempt` or `no answer`');
    expect(app.fake.callsTo('views.open')).toHaveLength(1);
    expect(notes()).toEqual([]);
  });

  describe('after the confirmation', () => {
    async function press(actionId: string, reply: RecordedResponse, channelId = DM) {
      const res = await app.slack.blockAction({ userId: WORKER, actionId, channelId, messageTs: reply.messageTs!, isEphemeral: true });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      const open: RecordedCall = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
      expect(open.ok).toBe(true);
      return { res, view: (open.response['view'] as ModalView) };
    }

    it('Add details opens the full form pre-filled; what is added is an amendment and the note itself never changes', async () => {
      const { reply, note } = await quickNote(CASAS);
      const { res, view } = await press('casenote_add_details', reply);
      expect(view.callback_id).toBe('casenote');
      expect(view.title.text).toBe('Add details');
      expect(elementOf(view, 'participant').initial_option?.value).toBe(String(maria));
      expect(elementOf(view, 'interaction_date').initial_date).toBe(YESTERDAY);
      expect(elementOf(view, 'method').initial_option?.value).toBe('phone');
      expect(elementOf(view, 'location').initial_value).toBe('Remote');
      expect(elementOf(view, 'body').initial_value).toBe(CASAS_BODY);

      const submit = await app.slack.viewSubmission({
        userId: WORKER,
        viewId: view.id,
        values: {
          next_steps: { value: plainText('Bring photo ID and the CASAS letter.') },
          next_appointment_date: { value: datepicker('2026-12-03') },
          next_appointment_time: { value: timepicker('09:30') },
        },
      });
      expect(submit.problems).toEqual([]);
      expect(submit.body).toBe('');

      expect(notes()).toEqual([note]);
      const added = amendments();
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        noteId: note.id,
        participantId: maria,
        authorId: WORKER,
        reason: 'Details added',
        nextAppointmentDate: '2026-12-03',
        nextAppointmentAt: '2026-12-03T15:30:00.000Z', // 9:30 in Chicago
      });
      expect(added[0]!.text).toContain('Next steps: Bring photo ID and the CASAS letter.');
      const confirmed = await confirmationOf(res);
      expect(JSON.stringify(blocksOf(confirmed))).toContain('Note saved for *María González*');
    });

    it('Amend opens the amendment form; a blank reason is refused on its field; the amendment then shows under the note on the card', async () => {
      const { reply, note } = await quickNote(CASAS);
      const { res, view } = await press('casenote_amend_start', reply);
      expect(view.callback_id).toBe('casenote_amend');
      expect(blockOf(view.blocks, 'amend_note').text!.text).toContain(CASAS_BODY);

      const correction = 'The CASAS appointment is on 12/4, not 12/3.';
      const blank = await app.slack.viewSubmission({
        userId: WORKER,
        viewId: view.id,
        values: { amend_reason: { value: plainText('   ') }, amend_text: { value: plainText(correction) } },
      });
      expect(blank.problems).toEqual([]);
      const answer = blank.json<{ response_action: string; errors: Record<string, string> }>();
      expect(answer.response_action).toBe('errors');
      expect(Object.keys(answer.errors)).toEqual(['amend_reason']);
      expect(amendments()).toEqual([]);

      const submit = await app.slack.viewSubmission({
        userId: WORKER,
        viewId: view.id,
        values: { amend_reason: { value: plainText('Wrong date') }, amend_text: { value: plainText(correction) } },
      });
      expect(submit.problems).toEqual([]);
      expect(submit.body).toBe('');
      expect(amendments()).toMatchObject([{ noteId: note.id, authorId: WORKER, reason: 'Wrong date', text: correction }]);
      expect(notes()).toEqual([note]);
      // The card comes back in place of the confirmation, with the amendment under the note.
      const refreshed = await confirmationOf(res);
      expect(refreshed.body['replace_original']).toBe(true);
      expect(JSON.stringify(blocksOf(refreshed))).toContain('(Wrong date)');

      const card = await app.slack.command({ command: '/participant', text: 'maria', userId: WORKER, channelId: DM });
      expect(card.problems).toEqual([]);
      const shown = blocksOf(await confirmationOf(card));
      const ids = shown.map((b) => b.block_id);
      expect(ids.indexOf(`note_amendments_${note.id}`)).toBe(ids.indexOf(`note_${note.id}`) + 2);
      const under = blockOf(shown, `note_amendments_${note.id}`).text!.text;
      // Amended at 21:30 on Nov 23 in Chicago (03:30 on Nov 24 in UTC).
      expect(under).toContain('Amended Nov 23, 2026 by Dana Rivera');
      expect(under).toContain('(Wrong date)');
      expect(under).toContain(correction);
    });
  });

  it('every view and message stays within Block Kit limits with a body of nearly 3,000 characters', async () => {
    const sentence = 'Reviewed the resume line by line, updated the work history and listed three warehouse openings to apply for this week. ';
    const body = sentence.repeat(Math.floor(2990 / sentence.length)).trim();
    expect(body.length).toBeGreaterThan(2900);
    expect(body.length).toBeLessThanOrEqual(3000);

    const { reply, note } = await quickNote(`maria g phone ${body}`);
    expect(note.body).toBe(body);
    expect(reply.ok).toBe(true);

    // The forms that show it: Add details, Amend.
    const details = await app.slack.blockAction({ userId: WORKER, actionId: 'casenote_add_details', channelId: DM, messageTs: reply.messageTs!, isEphemeral: true });
    expect(details.problems).toEqual([]);
    expect((await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === details.triggerId)).ok).toBe(true);

    // Ten long amendments under it, then the card.
    for (let i = 1; i <= 10; i += 1) {
      const amend = await app.slack.blockAction({ userId: WORKER, actionId: 'casenote_amend_start', channelId: DM, messageTs: reply.messageTs!, isEphemeral: true });
      expect(amend.problems).toEqual([]);
      const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === amend.triggerId);
      expect(open.ok).toBe(true);
      const submit = await app.slack.viewSubmission({
        userId: WORKER,
        viewId: (open.response['view'] as ModalView).id,
        values: { amend_reason: { value: plainText(`Correction ${i}: the warehouse list changed`) }, amend_text: { value: plainText(body) } },
      });
      expect(submit.problems).toEqual([]);
      // The card, refreshed with 1…10 long amendments, is accepted each time.
      const refreshed = await confirmationOf(amend);
      expect(JSON.stringify(blocksOf(refreshed))).toContain(`Correction ${i}`);
    }
    expect(amendments()).toHaveLength(10);
    const card = await app.slack.command({ command: '/participant', text: 'maria', userId: WORKER, channelId: DM });
    expect(card.problems).toEqual([]);
    expect(JSON.stringify(blocksOf(await confirmationOf(card)))).toContain(`note_amendments_${note.id}`);

    // The forms that open instead of saving: with warnings highlighted in a long text, and with a notice.
    const warned = await casenote(`maria g phone I think ${body}`);
    const warnedView = await modalFor(warned);
    expect(hasBlock(warnedView.blocks, 'warnings_text_0')).toBe(true);
    const unsure = await casenote(`maria ${body}`);
    expect(noticesOf(await modalFor(unsure))).toContain('Say how the contact happened');
  });
});

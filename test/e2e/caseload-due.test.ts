// What is due, and where a case manager sees it (issue 4, "Surfaces" and "Done means"): `/caseload`
// most urgent first, `/caseload @person` and `/caseload team` for supervisors, snoozing, the App
// Home dashboard and the digest settings on it. The real Bolt app over HTTP, signed requests, the
// fake Slack checking every message and view it is sent.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planMeeting } from '../../src/db/irt';
import { saveNote, type NewNote } from '../../src/db/notes';
import { changeParticipantStatus, enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { auditLog, digestSettings, dueItemState, staff as staffTable } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { instantAt, localDate } from '../../src/domain/dates';
import { startTestApp, type TestApp } from '../harness/app';
import { validateBlocks, validateMessage } from '../harness/blockkit';
import { addStaff } from '../harness/db';
import type { FakeView, RecordedCall, RecordedResponse } from '../harness/fake-slack';
import { checkboxes, datepicker, plainText, radioButtons, timepicker, type StateValues } from '../harness/slack-request';

// Dana's team works from Honolulu; the agency's zone is Chicago. At this instant it is still
// Monday Nov 23 at 22:00 in Honolulu, while it is already Tuesday Nov 24 in Chicago and in UTC:
// every "today" below is Dana's.
const NOW = '2026-11-24T08:00:00.000Z';
const ZONE = 'Pacific/Honolulu';
const TODAY = '2026-11-23';
const TOMORROW = '2026-11-24';
const DAY = 86_400_000;
const HOUR = 3_600_000;

// The agency: Sol leads Dana and Lee; Rue leads Sam; Ada is a Tickler admin.
const WORKER = 'U0WORKER01'; // Dana Rivera
const TEAMMATE = 'U0WORKER02'; // Lee Chen, on Sol's team
const OUTSIDER = 'U0WORKER03'; // Sam Okafor, on Rue's team
const SUPERVISOR = 'U0SUPERV01'; // Sol Marquez, leads Dana and Lee
const OTHER_SUPERVISOR = 'U0SUPERV02'; // Rue Adams, leads Sam
const ADMIN = 'U0ADMIN001'; // Ada Brooks
const CHANNEL = 'C0GENERAL1';

const NOT_YOUR_TEAM = 'You can see your own caseload, and — as a supervisor — the caseloads of your team.';

type Obj = Record<string, unknown>;
interface Element {
  type: string;
  action_id?: string;
  value?: string;
  style?: string;
  text?: { text: string };
  min_query_length?: number;
  initial_time?: string;
  initial_option?: { value: string };
  initial_options?: Array<{ value: string }>;
  options?: Array<{ value: string; text: { text: string } }>;
}
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  hint?: { text: string };
  elements?: Array<Element & { text?: string | { text: string } }>;
  accessory?: Element;
  element?: Element;
}

/** `now` minus whole days (plus hours): at NOW, `daysAgo(1)` is Sunday Nov 22 at 22:00 in Honolulu. */
const daysAgo = (days: number, plusHours = 0) => new Date(Date.parse(NOW) - days * DAY + plusHours * HOUR);

function blocksOf(body: Obj | undefined): Block[] {
  return (Array.isArray(body?.['blocks']) ? body['blocks'] : []) as Block[];
}

function elementsIn(blocks: Block[]): Element[] {
  return blocks.flatMap((b) => [...((b.elements ?? []) as Element[]), ...(b.accessory ? [b.accessory] : []), ...(b.element ? [b.element] : [])]);
}

/** Participant ids listed, in order (one section per participant, `caseload_<id>`). */
function listed(blocks: Block[]): number[] {
  return blocks.map((b) => /^caseload_(\d+)$/.exec(b.block_id ?? '')?.[1]).filter((x): x is string => !!x).map(Number);
}

/** The text shown for one participant. */
function entryText(blocks: Block[], participantId: number): string {
  const block = blocks.find((b) => b.block_id === `caseload_${participantId}`);
  if (!block) throw new Error(`participant ${participantId} is not listed; blocks: ${blocks.map((b) => b.block_id).join(', ')}`);
  return block.text?.text ?? '';
}

function textOf(blocks: Block[], blockId: string): string {
  return blocks.find((b) => b.block_id === blockId)?.text?.text ?? '';
}

function pagerActions(blocks: Block[], blockId = 'caseload_pager'): string[] {
  return (blocks.find((b) => b.block_id === blockId)?.elements ?? []).map((e) => String(e.action_id));
}

const counts = (active: number, overdue: number, dueToday: number, dueThisWeek: number) =>
  `*${active}* active · :red_circle: *${overdue}* overdue · :large_orange_circle: *${dueToday}* due today · :large_yellow_circle: *${dueThisWeek}* due this week`;

describe('what is due: /caseload, supervisors’ views, snoozes and the App Home', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp({ now: NOW, adminUserIds: [ADMIN] });
    const now = app.clock.now();
    const people: Array<[string, string]> = [
      [WORKER, 'Dana Rivera'],
      [TEAMMATE, 'Lee Chen'],
      [OUTSIDER, 'Sam Okafor'],
      [SUPERVISOR, 'Sol Marquez'],
      [OTHER_SUPERVISOR, 'Rue Adams'],
      [ADMIN, 'Ada Brooks'],
    ];
    for (const [id, name] of people) app.addUser(id, name, { tz: ZONE });
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez', tz: ZONE }, now);
    addStaff(app.db, OTHER_SUPERVISOR, { role: 'supervisor', name: 'Rue Adams', tz: ZONE }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera', tz: ZONE }, now);
    addStaff(app.db, TEAMMATE, { supervisorId: SUPERVISOR, name: 'Lee Chen', tz: ZONE }, now);
    addStaff(app.db, OUTSIDER, { supervisorId: OTHER_SUPERVISOR, name: 'Sam Okafor', tz: ZONE }, now);
    addStaff(app.db, ADMIN, { name: 'Ada Brooks', tz: ZONE }, now);
  });
  afterEach(() => app.close());

  function setStaffTz(id: string, tz: string) {
    app.db.update(staffTable).set({ tz }).where(eq(staffTable.slackUserId, id)).run();
  }

  // ------------------------------------------------------------------------------ seeding

  function actorOf(userId: string) {
    return actorFor(getStaff(app.db, userId)!, new Set());
  }

  /** A WIOA Adult participant whose primary case manager is `caseManagerId`. */
  function enroll(caseManagerId: string, fullName: string, enrollmentDate = '2026-09-01'): number {
    const p: NewParticipant = {
      fullName,
      preferredName: null,
      preferredLanguage: 'English',
      interpreterNeeded: false,
      programs: [{ profileId: 'wioa-adult', enrollmentDate }],
      misId: null,
      phone: null,
      email: null,
      preferredContactMethod: 'phone',
      primaryCaseManagerId: caseManagerId,
      otherStaffIds: [],
    };
    return enrollParticipant(app.db, actorOf(caseManagerId), p, app.clock.now());
  }

  function close(caseManagerId: string, participantId: number) {
    expect(changeParticipantStatus(app.db, actorOf(caseManagerId), participantId, { status: 'closed', effectiveDate: TODAY, reason: 'Moved out of state' }, app.clock.now())).toBe('ok');
  }

  /** A note written straight to the store, entered at `enteredAt` (default: at the interaction). */
  function seedNote(
    author: string,
    participantId: number,
    at: Date,
    opts: { kind?: NewNote['contactKind']; method?: string; enteredAt?: Date; body?: string; appointment?: { date: string; time: string } } & Partial<NewNote> = {},
  ): number {
    const { kind = 'participant', method = 'phone', enteredAt = at, body = 'Checked in about the job search.', appointment, ...extra } = opts;
    const result = saveNote(
      app.db,
      actorOf(author),
      {
        participantId,
        source: 'modal',
        contactKind: kind,
        method,
        interactionAt: at,
        interactionTz: ZONE,
        timeKnown: true,
        location: 'Remote',
        subject: 'Check-in',
        body,
        lateExplanation: 'Back-entered from the paper file.',
        checkWarnings: [],
        checkChoice: 'none',
        ...(appointment ? { nextAppointmentDate: appointment.date, nextAppointmentAt: instantAt(appointment.date, appointment.time, ZONE) } : {}),
        ...extra,
      },
      app.config.profiles,
      enteredAt,
    );
    if (result.kind !== 'saved') throw new Error(`seed note not saved: ${result.kind}`);
    return result.noteId;
  }

  /**
   * Dana's four participants, one of each kind of urgency:
   * - Olga: last phone contact 31 days ago (Oct 23) — overdue since Nov 22; yesterday a call
   *   attempt and a talk with her sister, neither of which counts;
   * - Tomas: last contact 30 days ago (Oct 24) — due today;
   * - Hana: last contact 25 days ago (Oct 29) — due Nov 28, this week;
   * - Yusuf: called yesterday — nothing due.
   * And what must never show in Dana's lists: her closed case, and Lee's and Sam's participants.
   */
  function seedDanasCaseload() {
    const ids = {
      yusuf: enroll(WORKER, 'Yusuf Ali'),
      hana: enroll(WORKER, 'Hana Kim'),
      tomas: enroll(WORKER, 'Tomas Reyes'),
      olga: enroll(WORKER, 'Olga Petrova'),
      closed: enroll(WORKER, 'Closed Case Carla'),
      lees: enroll(TEAMMATE, 'Lees Participant Lars'),
      sams: enroll(OUTSIDER, 'Sams Participant Sofia'),
    };
    seedNote(WORKER, ids.olga, daysAgo(31), { body: 'Talked about the forklift class.' });
    seedNote(WORKER, ids.olga, daysAgo(1), { kind: 'attempt', body: 'No answer; left a voicemail.' });
    seedNote(WORKER, ids.olga, daysAgo(1, 1), { kind: 'collateral', collateralName: 'Irina Petrova', collateralRelationship: 'sister', body: 'Her sister says Olga is staying with her this week.' });
    seedNote(WORKER, ids.tomas, daysAgo(30), { method: 'face_to_face', enteredAt: daysAgo(30, 1) });
    seedNote(WORKER, ids.hana, daysAgo(25));
    seedNote(WORKER, ids.yusuf, daysAgo(1));
    seedNote(WORKER, ids.closed, daysAgo(90)); // would be the most overdue of all if it leaked in
    close(WORKER, ids.closed);
    seedNote(TEAMMATE, ids.lees, daysAgo(80));
    seedNote(OUTSIDER, ids.sams, daysAgo(70));
    return ids;
  }

  /**
   * 150 participants for Dana. The first 120 were last called 31 to 60 days ago and have an
   * appointment today (two items each: 240 in all); the last 30 were called yesterday.
   * Returns each participant's contact due date ('' when nothing is due), by id.
   */
  function seedLargeCaseload(): { ids: number[]; dueOn: Map<number, string>; closed: number[]; others: number[] } {
    const ids: number[] = [];
    const dueOn = new Map<number, string>();
    for (let n = 1; n <= 150; n++) {
      const id = enroll(WORKER, `Participant ${String(n).padStart(3, '0')} Alexandria Konstantinopoulou-Villanueva`);
      ids.push(id);
      if (n <= 120) {
        const ago = 31 + (n % 30);
        seedNote(WORKER, id, daysAgo(ago), { appointment: { date: TODAY, time: '09:00' } });
        // Called on (Nov 23 − ago) in Honolulu; due 30 days later.
        dueOn.set(id, new Date(Date.UTC(2026, 10, 23 - ago + 30)).toISOString().slice(0, 10));
      } else {
        seedNote(WORKER, id, daysAgo(1));
        dueOn.set(id, '');
      }
    }
    const closed = ['Closed Case One', 'Closed Case Two'].map((name) => {
      const id = enroll(WORKER, name, '2026-06-01');
      close(WORKER, id);
      return id;
    });
    const others = [enroll(TEAMMATE, 'Someone Else Entirely', '2026-06-01'), enroll(OUTSIDER, 'Another Of Sams', '2026-06-01')];
    return { ids, dueOn, closed, others };
  }

  // ------------------------------------------------------------------------ Slack actions

  /** `/caseload [text]` by `userId`: the private answer posted through the command's response_url. */
  async function caseload(userId: string, text = '') {
    const res = await app.slack.command({ command: '/caseload', text, userId, channelId: CHANNEL });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    expect(reply.body['response_type']).toBe('ephemeral');
    const blocks = blocksOf(reply.body);
    expect(validateMessage({ text: reply.body['text'], blocks: reply.body['blocks'] })).toEqual([]);
    return { reply, ts: reply.messageTs!, blocks, shown: JSON.stringify(reply.body) };
  }

  /** Presses a button in the private message `ts`; returns the request and the answer to its response_url. */
  async function pressInMessage(userId: string, ts: string, actionId: string, blockId?: string) {
    const res = await app.slack.blockAction({ userId, actionId, channelId: CHANNEL, messageTs: ts, isEphemeral: true, ...(blockId ? { blockId } : {}) });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return res;
  }

  async function responseTo(url: string | undefined): Promise<RecordedResponse> {
    const reply = await app.fake.waitForResponse((r) => r.url === url);
    expect(reply.ok).toBe(true);
    return reply;
  }

  async function modalOpenedWith(triggerId: string): Promise<FakeView> {
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === triggerId);
    expect(open.ok).toBe(true);
    return app.fake.getView(String((open.response['view'] as Obj)['id']))!;
  }

  const publishesFor = (userId: string) => app.fake.callsTo('views.publish').filter((c) => c.args['user_id'] === userId);

  /** Waits for the next views.publish for `userId` after `before` of them; checks it against Slack's rules. */
  async function nextPublish(userId: string, before: number): Promise<Block[]> {
    const calls = await app.fake.waitForCalls('views.publish', before + 1, (c) => c.args['user_id'] === userId);
    return expectValidHome(calls.at(-1)!, userId);
  }

  function expectValidHome(call: RecordedCall, userId: string): Block[] {
    expect(call.ok).toBe(true);
    expect(call.args['user_id']).toBe(userId);
    const view = call.args['view'] as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateBlocks(view.blocks, 'home')).toEqual([]);
    return view.blocks;
  }

  /** Opens the Home tab (`app_home_opened`, tab home) and returns the Home published for it. */
  async function openHome(userId: string): Promise<Block[]> {
    const before = publishesFor(userId).length;
    const res = await app.slack.event({ type: 'app_home_opened', user: userId, channel: app.fake.dmChannelFor(userId), tab: 'home' });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const blocks = await nextPublish(userId, before);
    expect(app.fake.homeView(userId)?.blocks).toEqual(blocks);
    return blocks;
  }

  function auditRows(entity: string) {
    return app.db.select().from(auditLog).where(eq(auditLog.entity, entity)).all();
  }

  // -------------------------------------------------------------------- 1. /caseload itself

  describe('/caseload', () => {
    it('lists the participant last contacted 31 days ago first, overdue, with *Log a note*, *Open card* and *Snooze…*', async () => {
      const p = seedDanasCaseload();
      const { blocks, shown } = await caseload(WORKER);

      expect(textOf(blocks, 'caseload_summary')).toBe(`*Your caseload:* ${counts(4, 1, 1, 1)}\nMost urgent first.`);
      expect(listed(blocks)).toEqual([p.olga, p.tomas, p.hana, p.yusuf]);

      // An attempt and a talk with her sister yesterday do not reset the clock; the attempt is shown.
      expect(entryText(blocks, p.olga)).toBe(
        '*Olga Petrova*\n:red_circle: *Contact overdue since Nov 22, 2026* — Last contact Oct 23, 2026 (phone) · last attempt Nov 22, 2026',
      );
      const olga = blocks.find((b) => b.block_id === `caseload_${p.olga}`)!;
      expect(olga.accessory).toMatchObject({ type: 'button', action_id: 'casenote_start', text: { text: 'Log a note' }, value: String(p.olga), style: 'danger' });
      const actions = blocks.find((b) => b.block_id === `caseload_actions_${p.olga}`)!;
      expect(actions.elements?.map((e) => [e.action_id, (e.text as { text: string }).text, e.value])).toEqual([
        ['participant_open', 'Open card', String(p.olga)],
        ['due_snooze_start', 'Snooze…', String(p.olga)],
      ]);

      expect(entryText(blocks, p.tomas)).toBe('*Tomas Reyes*\n:large_orange_circle: *Contact due today* — Last contact Oct 24, 2026 (face to face)');
      expect(entryText(blocks, p.hana)).toBe('*Hana Kim*\n:large_yellow_circle: *Contact due Nov 28, 2026* — Last contact Oct 29, 2026 (phone)');

      // Called yesterday: listed last, as having nothing due, with only a way to open the card.
      expect(entryText(blocks, p.yusuf)).toBe('*Yusuf Ali*\nNothing due.');
      expect(blocks.find((b) => b.block_id === `caseload_${p.yusuf}`)?.accessory).toMatchObject({ action_id: 'participant_open', value: String(p.yusuf) });
      expect(blocks.some((b) => b.block_id === `caseload_actions_${p.yusuf}`)).toBe(false);

      expect(shown).not.toMatch(/Closed Case|Lees Participant|Sams Participant/);
      expect(pagerActions(blocks)).toEqual([]);
    });

    it('*Log a note* opens the note form for that participant', async () => {
      const p = seedDanasCaseload();
      const { ts } = await caseload(WORKER);
      const press = await pressInMessage(WORKER, ts, 'casenote_start', `caseload_${p.olga}`);
      const modal = await modalOpenedWith(press.triggerId);
      expect(modal.callback_id).toBe('casenote');
      const participant = (modal.blocks as Block[]).find((b) => b.block_id === 'participant')?.element;
      expect(participant?.initial_option?.value).toBe(String(p.olga));
    });

    it('a 150-person caseload with 240 items stays within Block Kit limits on every page; *Next ›* pages through everyone exactly once, most urgent first', async () => {
      const { ids, dueOn, closed, others } = seedLargeCaseload();
      const first = await caseload(WORKER);
      const ts = first.ts;

      const seen: number[] = [];
      let page = first.reply;
      for (let p = 1; p <= 10; p++) {
        if (p > 1) {
          const press = await pressInMessage(WORKER, ts, 'caseload_page_next', 'caseload_pager');
          page = await responseTo(press.responseUrl);
          expect(page.body['replace_original']).toBe(true);
          expect(page.body['response_type']).toBe('ephemeral');
          expect(page.messageTs).toBe(ts);
        }
        const blocks = blocksOf(page.body);
        expect(blocks.length).toBeLessThanOrEqual(50);
        expect(validateMessage({ text: page.body['text'], blocks })).toEqual([]);
        expect(textOf(blocks, 'caseload_summary')).toBe(
          `*Your caseload:* ${counts(150, 120, 120, 0)}\nMost urgent first — showing ${(p - 1) * 15 + 1}–${p * 15} of 150.`,
        );
        expect(pagerActions(blocks)).toEqual(p === 1 ? ['caseload_page_next'] : p === 10 ? ['caseload_page_prev'] : ['caseload_page_prev', 'caseload_page_next']);
        if (p < 10) expect(blocks.at(-1)?.elements?.at(-1)).toMatchObject({ text: { text: 'Next ›' } });
        const names = listed(blocks);
        expect(names).toHaveLength(15);
        // The message itself is replaced, not a new one posted.
        expect(listed((app.fake.findMessage(CHANNEL, ts)?.blocks ?? []) as Block[])).toEqual(names);
        seen.push(...names);
      }

      expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(seen).size).toBe(150);
      for (const id of [...closed, ...others]) expect(seen).not.toContain(id);
      // Most urgent first: the overdue ones, oldest due date first, then those with nothing due.
      const dates = seen.map((id) => dueOn.get(id)!);
      expect(dates.slice(0, 120)).toEqual(dates.slice(0, 120).sort());
      expect(dates.slice(0, 120).every((d) => d !== '' && d < TODAY)).toBe(true);
      expect(dates.slice(120)).toEqual(Array(30).fill(''));
      expect(app.fake.messagesIn(CHANNEL).filter((m) => !m.deleted)).toHaveLength(1);
    });

    it('a note logged with `/casenote <name> phone …` clears the contact item and refreshes the App Home', async () => {
      const p = seedDanasCaseload();
      const before = await openHome(WORKER);
      expect(listed(before)).toEqual([p.olga, p.tomas, p.hana]);

      const publishes = publishesFor(WORKER).length;
      const res = await app.slack.command({ command: '/casenote', text: 'olga phone Reached her at her sister’s; she starts the forklift class Monday.', userId: WORKER, channelId: CHANNEL });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      const saved = await responseTo(res.responseUrl);
      expect(saved.body['text']).toBe('Note saved');

      const home = await nextPublish(WORKER, publishes);
      expect(listed(home)).toEqual([p.tomas, p.hana]);
      expect(textOf(home, 'home_counts')).toBe(counts(4, 0, 1, 1));

      const { blocks } = await caseload(WORKER);
      expect(textOf(blocks, 'caseload_summary')).toContain(counts(4, 0, 1, 1));
      expect(listed(blocks).slice(0, 2)).toEqual([p.tomas, p.hana]);
      expect(listed(blocks).slice(2).sort()).toEqual([p.olga, p.yusuf].sort());
      expect(entryText(blocks, p.olga)).toBe('*Olga Petrova*\nNothing due.');
    });
  });

  // ----------------------------------------------------------------------------- 4. snooze

  describe('snoozing an item that cannot be cleared today', () => {
    it('opens a form listing the participant’s items; checks the reason and the date; hides the item from Dana until that date, in her zone; audits it without the reason; Sol still counts it', async () => {
      const p = seedDanasCaseload();
      // Her sister mentioned an appointment this afternoon: a second item for Olga.
      seedNote(WORKER, p.olga, daysAgo(0, -2), { kind: 'collateral', collateralName: 'Irina Petrova', collateralRelationship: 'sister', appointment: { date: TODAY, time: '14:00' } });

      const { ts, blocks } = await caseload(WORKER);
      expect(entryText(blocks, p.olga)).toContain('*Appointment today at 14:00*');
      const press = await pressInMessage(WORKER, ts, 'due_snooze_start', `caseload_actions_${p.olga}`);
      const modal = await modalOpenedWith(press.triggerId);
      expect(modal.callback_id).toBe('due_snooze');
      const modalBlocks = modal.blocks as Block[];
      expect(textOf(modalBlocks, 'snooze_who')).toBe('*Olga Petrova*');
      const options = modalBlocks.find((b) => b.block_id === 'snooze_item')?.element?.options ?? [];
      expect(options.map((o) => o.text.text)).toEqual(['Contact overdue since Nov 22, 2026', 'Appointment today at 14:00']);
      expect(modalBlocks.find((b) => b.block_id === 'snooze_until')?.hint?.text).toContain('Today is Nov 23, 2026.');
      const contactItem = options[0]!.value;

      const submit = async (values: StateValues) => {
        const res = await app.slack.viewSubmission({ userId: WORKER, viewId: modal.id, values });
        expect(res.status).toBe(200);
        expect(res.problems).toEqual([]);
        return res;
      };
      const item = { snooze_item: { value: radioButtons(contactItem) } };

      // A blank reason and today's date (in Honolulu) are both refused, on their fields.
      const blank = await submit({ ...item, snooze_reason: { value: plainText('   ') }, snooze_until: { value: datepicker(TODAY) } });
      const blankErrors = blank.json<{ response_action: string; errors: Record<string, string> }>();
      expect(blankErrors.response_action).toBe('errors');
      expect(Object.keys(blankErrors.errors).sort()).toEqual(['snooze_reason', 'snooze_until']);
      expect(blankErrors.errors['snooze_until']).toBe('Pick a date after today.');

      const past = await submit({ ...item, snooze_reason: { value: plainText('In hospital') }, snooze_until: { value: datepicker('2026-11-20') } });
      expect(past.json<{ errors: Record<string, string> }>().errors).toEqual({ snooze_until: 'Pick a date after today.' });
      expect(app.db.select().from(dueItemState).all()).toEqual([]);

      // Valid: hidden until Friday Nov 27.
      const reason = 'Olga is in hospital until Thursday; her sister will call when she is home.';
      const publishes = publishesFor(WORKER).length;
      const ok = await submit({ ...item, snooze_reason: { value: plainText(reason) }, snooze_until: { value: datepicker('2026-11-27') } });
      expect(ok.body).toBe('');

      const state = app.db.select().from(dueItemState).all();
      expect(state).toHaveLength(1);
      expect(state[0]).toMatchObject({ itemKey: contactItem, ruleId: 'contact-due', participantId: p.olga, dueDate: '2026-11-22', snoozedUntil: '2026-11-27', snoozeReason: reason, snoozedBy: WORKER });
      const audit = app.db.select().from(auditLog).where(and(eq(auditLog.action, 'snooze'), eq(auditLog.entityId, String(p.olga)))).all();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: WORKER, entity: 'participant', basis: 'assigned' });
      expect(JSON.parse(audit[0]!.detail!)).toEqual({ rule: 'contact-due', until: '2026-11-27' });
      expect(JSON.stringify(app.db.select().from(auditLog).all())).not.toMatch(/hospital|sister/);

      // The Home is refreshed without it; /caseload no longer shows it.
      const home = await nextPublish(WORKER, publishes);
      expect(textOf(home, 'home_counts')).toBe(counts(4, 0, 2, 1));
      expect(entryText(home, p.olga)).not.toContain('Contact overdue');
      const after = await caseload(WORKER);
      expect(textOf(after.blocks, 'caseload_summary')).toContain(counts(4, 0, 2, 1));
      expect(entryText(after.blocks, p.olga)).toBe('*Olga Petrova*\n:large_orange_circle: *Appointment today at 14:00* — Set as the next appointment in a case note. Log a note after the meeting.');

      // Sol's figures still count the snoozed compliance item as overdue.
      const team = await caseload(SUPERVISOR, 'team');
      expect(textOf(team.blocks, `team_${WORKER}`)).toContain(':red_circle: 1 overdue (1 participant)');

      // Thursday Nov 26, 23:59 in Honolulu (already Friday in Chicago): still hidden for Dana.
      app.clock.set('2026-11-27T09:59:00.000Z');
      expect(entryText((await caseload(WORKER)).blocks, p.olga)).toBe('*Olga Petrova*\nNothing due.');
      expect(listed(await openHome(WORKER))).not.toContain(p.olga);

      // Friday Nov 27 in Honolulu: back, on /caseload and on the Home.
      app.clock.set('2026-11-27T10:00:00.000Z');
      const back = await caseload(WORKER);
      expect(listed(back.blocks)[0]).toBe(p.olga);
      expect(entryText(back.blocks, p.olga)).toContain(':red_circle: *Contact overdue since Nov 22, 2026*');
      const homeBack = await openHome(WORKER);
      expect(listed(homeBack)[0]).toBe(p.olga);
      expect(entryText(homeBack, p.olga)).toContain('Contact overdue since Nov 22, 2026');
    });
  });

  // ------------------------------------------------------------- 5. someone else's caseload

  describe('/caseload @person', () => {
    const mention = `<@${WORKER}|dana>`;

    it('Dana’s supervisor sees Dana’s caseload, and the look is audited', async () => {
      const p = seedDanasCaseload();
      const { blocks, shown } = await caseload(SUPERVISOR, mention);
      expect(textOf(blocks, 'caseload_summary')).toBe(`*<@${WORKER}>’s caseload:* ${counts(4, 1, 1, 1)}\nMost urgent first.`);
      expect(listed(blocks)).toEqual([p.olga, p.tomas, p.hana, p.yusuf]);
      expect(shown).not.toMatch(/Closed Case|Lees Participant|Sams Participant/);

      const audit = auditRows('caseload');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: SUPERVISOR, action: 'read', entity: 'caseload', entityId: WORKER, basis: 'supervisor' });
    });

    it('*Next ›* on Dana’s caseload, shown to her supervisor, pages through Dana’s caseload', async () => {
      const { ids } = seedLargeCaseload();
      const { ts, blocks } = await caseload(SUPERVISOR, mention);
      expect(textOf(blocks, 'caseload_summary')).toContain(`*<@${WORKER}>’s caseload:* ${counts(150, 120, 120, 0)}`);
      const firstPage = listed(blocks);

      const press = await pressInMessage(SUPERVISOR, ts, 'caseload_page_next', 'caseload_pager');
      const page = await responseTo(press.responseUrl);
      const next = blocksOf(page.body);
      expect(textOf(next, 'caseload_summary')).toBe(`*<@${WORKER}>’s caseload:* ${counts(150, 120, 120, 0)}\nMost urgent first — showing 16–30 of 150.`);
      expect(listed(next)).toHaveLength(15);
      for (const id of listed(next)) {
        expect(ids).toContain(id);
        expect(firstPage).not.toContain(id);
      }
      expect(auditRows('caseload').map((r) => [r.actorId, r.entityId])).toEqual([
        [SUPERVISOR, WORKER],
        [SUPERVISOR, WORKER],
      ]);
    });

    it.each([
      ['a teammate', TEAMMATE],
      ['another worker', OUTSIDER],
      ['the supervisor of another team', OTHER_SUPERVISOR],
    ])('%s is refused plainly and shown no one', async (_who, userId) => {
      seedDanasCaseload();
      const { reply, shown } = await caseload(userId, mention);
      expect(reply.body['text']).toBe(NOT_YOUR_TEAM);
      expect(reply.body['blocks']).toBeUndefined();
      expect(shown).not.toMatch(/Olga|Tomas|Hana|Yusuf/);
      expect(auditRows('caseload')).toEqual([]);
    });

    it('an admin may see anyone’s caseload (audited)', async () => {
      const p = seedDanasCaseload();
      const { blocks } = await caseload(ADMIN, mention);
      expect(listed(blocks)).toEqual([p.olga, p.tomas, p.hana, p.yusuf]);
      expect(auditRows('caseload')).toEqual([expect.objectContaining({ actorId: ADMIN, entityId: WORKER, basis: 'admin' })]);

      const sams = await caseload(ADMIN, `<@${OUTSIDER}|sam>`);
      expect(textOf(sams.blocks, 'caseload_summary')).toContain(`*<@${OUTSIDER}>’s caseload:* ${counts(1, 1, 0, 0)}`);
    });
  });

  // ----------------------------------------------------------------------- 6. the team view

  describe('/caseload team', () => {
    /**
     * Lee's notes entered in the last 30 days: two within 48 hours, one 4 days late (within the
     * 10-day limit), one 19 days late (past it); and one entered 35 days ago, which no longer
     * counts. Ibrahim, enrolled in September, has never been contacted.
     */
    function seedLeesCaseload() {
      const ravi = enroll(TEAMMATE, 'Ravi Patel');
      const ana = enroll(TEAMMATE, 'Ana Lima');
      const ibrahim = enroll(TEAMMATE, 'Ibrahim Musa', '2026-09-15');
      seedNote(TEAMMATE, ravi, daysAgo(4), { enteredAt: daysAgo(4, 5) }); // on time
      seedNote(TEAMMATE, ravi, daysAgo(14), { enteredAt: daysAgo(10) }); // late, within the limit
      seedNote(TEAMMATE, ana, daysAgo(27), { enteredAt: daysAgo(8) }); // past the limit
      seedNote(TEAMMATE, ana, daysAgo(3), { method: 'face_to_face', enteredAt: daysAgo(3, 1) }); // on time
      seedNote(TEAMMATE, ana, daysAgo(60), { enteredAt: daysAgo(35) }); // outside the 30 days
      return { ravi, ana, ibrahim };
    }

    it('a supervisor gets one row per team member: overdue counts and note timeliness over the last 30 days', async () => {
      seedDanasCaseload();
      seedLeesCaseload();
      enroll(OUTSIDER, 'Not On Sols Team');

      const { blocks, shown } = await caseload(SUPERVISOR, 'team');
      expect(blocks.map((b) => b.block_id)).toEqual(['team_title', `team_${WORKER}`, `team_${TEAMMATE}`]);
      // Dana: her 5 notes of the last 30 days were all entered at once (the one from 31 days ago no longer counts).
      expect(textOf(blocks, `team_${WORKER}`)).toBe(
        `*<@${WORKER}>* · 4 active · :red_circle: 1 overdue (1 participant) · 1 due today\nNotes: 5 · 100% within 48 h · 100% within the program limit`,
      );
      // Lee: Lars (from Dana's seeding, last called 80 days ago) and Ibrahim are overdue; the note
      // entered 35 days ago no longer counts.
      expect(textOf(blocks, `team_${TEAMMATE}`)).toBe(
        `*<@${TEAMMATE}>* · 4 active · :red_circle: 2 overdue (2 participants) · 0 due today\nNotes: 4 · 50% within 48 h · 75% within the program limit`,
      );
      expect(shown).not.toContain(OUTSIDER);
      expect(shown).not.toMatch(/Olga|Ravi|Ibrahim/);
    });

    it('*Caseload* on a row shows that worker’s caseload', async () => {
      const lee = seedLeesCaseload();
      const { ts, blocks } = await caseload(SUPERVISOR, 'team');
      expect(blocks.find((b) => b.block_id === `team_${TEAMMATE}`)?.accessory).toMatchObject({ action_id: 'caseload_worker', text: { text: 'Caseload' }, value: TEAMMATE });

      const press = await pressInMessage(SUPERVISOR, ts, 'caseload_worker', `team_${TEAMMATE}`);
      const reply = await responseTo(press.responseUrl);
      expect(reply.body['response_type']).toBe('ephemeral');
      const shown = blocksOf(reply.body);
      expect(validateMessage({ text: reply.body['text'], blocks: shown })).toEqual([]);
      expect(textOf(shown, 'caseload_summary')).toBe(`*<@${TEAMMATE}>’s caseload:* ${counts(3, 1, 0, 0)}\nMost urgent first.`);
      expect(listed(shown)[0]).toBe(lee.ibrahim);
      expect(entryText(shown, lee.ibrahim)).toContain('No contact since enrollment on Sep 15, 2026');
      expect(auditRows('caseload')).toEqual([expect.objectContaining({ actorId: SUPERVISOR, entityId: TEAMMATE, basis: 'supervisor' })]);
    });

    it('a case manager is refused plainly', async () => {
      seedDanasCaseload();
      const { reply } = await caseload(WORKER, 'team');
      expect(reply.body['text']).toBe(NOT_YOUR_TEAM);
      expect(reply.body['blocks']).toBeUndefined();
    });
  });

  // ------------------------------------------------------------------------- 7. App Home

  describe('the App Home', () => {
    it('opening it publishes Dana’s dashboard: today in her zone, the picker and *Enroll*, the counts, what needs attention, appointments and the digest settings', async () => {
      const p = seedDanasCaseload();
      // A talk with Tomas’s probation officer yesterday set his next appointment for 14:00 today;
      // Yusuf’s next one is tomorrow at 10:00.
      seedNote(WORKER, p.tomas, daysAgo(1, 2), { kind: 'collateral', collateralName: 'Officer Grant', collateralRelationship: 'probation officer', appointment: { date: TODAY, time: '14:00' } });
      seedNote(WORKER, p.yusuf, daysAgo(1, 3), { appointment: { date: TOMORROW, time: '10:00' } });
      seedNote(WORKER, p.hana, daysAgo(25), { kind: 'collateral', collateralName: 'Jo Park', collateralRelationship: 'job coach', appointment: { date: '2026-12-01', time: '09:00' } }); // beyond 7 days

      const blocks = await openHome(WORKER);
      expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Today, Nov 23, 2026' } });
      const picker = blocks.find((b) => b.block_id === 'home_picker')!;
      expect(picker.elements).toEqual([
        expect.objectContaining({ type: 'external_select', action_id: 'participant_search', min_query_length: 0 }),
        expect.objectContaining({ type: 'button', action_id: 'participant_enroll_start', text: expect.objectContaining({ text: 'Enroll a participant' }) }),
      ]);
      expect(textOf(blocks, 'home_counts')).toBe(counts(4, 1, 2, 1));
      expect(textOf(blocks, 'home_due_title')).toBe('*Needs attention* — most urgent first');
      expect(listed(blocks)).toEqual([p.olga, p.tomas, p.hana]);
      expect(entryText(blocks, p.olga)).toContain('Contact overdue since Nov 22, 2026');
      expect(entryText(blocks, p.tomas)).toContain('*Appointment today at 14:00*');
      expect(JSON.stringify(blocks.find((b) => b.block_id === 'home_quiet'))).toContain('1 other participant has nothing due.');
      expect(textOf(blocks, 'home_appointments')).toBe('*Appointments in the next 7 days*\n• *Today* at 14:00 — Tomas Reyes\n• Nov 24, 2026 at 10:00 — Yusuf Ali');
      expect(textOf(blocks, 'home_digest')).toBe(
        '*Daily digest*\nAt *08:00* on Mon, Tue, Wed, Thu, Fri, except holidays, in your Slack time zone. Skipped when nothing is due.',
      );
      expect(blocks.find((b) => b.block_id === 'home_digest')?.accessory).toMatchObject({ action_id: 'digest_settings_start', text: { text: 'Change…' } });
      expect(JSON.stringify(blocks)).not.toMatch(/Closed Case|Lees Participant|Sams Participant/);
    });

    it('stays within the Home’s limits for a 150-person caseload with a dozen IRT meetings being planned', async () => {
      const { ids, closed, others } = seedLargeCaseload();
      const now = app.clock.now();
      for (const participantId of ids.slice(0, 12)) {
        const planned = planMeeting(
          app.db,
          actorFor(getStaff(app.db, WORKER)!, new Set()),
          {
            participantId,
            reason: 'needs',
            reasonDetail: null,
            urgent: false,
            calledBy: 'case_manager',
            locationKind: 'phone',
            locationDetail: null,
            planningChannelId: CHANNEL,
            bringAssessment: false,
            bringPlan: false,
            bringResources: false,
            preferredCommunication: 'Phone',
            naturalSupports: [],
            partnerContactIds: [],
            staffIds: [],
          },
          { now, today: localDate(now, ZONE), timeZone: ZONE, holidays: app.config.holidays, profiles: app.config.profiles },
        );
        expect(planned.kind).toBe('ok');
      }
      const blocks = await openHome(WORKER);
      expect(blocks.filter((b) => /^home_irt_\d+$/.test(b.block_id ?? ''))).toHaveLength(10);
      expect(JSON.stringify(blocks.find((b) => b.block_id === 'home_irt_more'))).toContain('…and 2 more IRT meetings.');
      expect(textOf(blocks, 'home_counts')).toBe(counts(150, 120, 120, 0));
      expect(listed(blocks)).toHaveLength(30);
      expect(JSON.stringify(blocks.find((b) => b.block_id === 'home_due_more'))).toContain('…and 90 more participants with something due.');
      expect(JSON.stringify(blocks.find((b) => b.block_id === 'home_quiet'))).toContain('30 other participants have nothing due.');
      expect(textOf(blocks, 'home_appointments').split('\n')).toHaveLength(26); // the title and 25 lines
      for (const id of [...closed, ...others]) expect(listed(blocks)).not.toContain(id);
    });

    it('opening the Messages tab publishes nothing', async () => {
      seedDanasCaseload();
      const res = await app.slack.event({ type: 'app_home_opened', user: WORKER, channel: app.fake.dmChannelFor(WORKER), tab: 'messages' });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(app.fake.callsTo('views.publish')).toEqual([]);
      expect(app.fake.homeView(WORKER)).toBeUndefined();
    });
  });

  // ------------------------------------------------------------------ 8. digest settings

  describe('digest settings on the Home', () => {
    async function openSettings(userId: string): Promise<FakeView> {
      await openHome(userId);
      const home = app.fake.homeView(userId)!;
      const res = await app.slack.blockAction({ userId, actionId: 'digest_settings_start', view: { id: home.id } });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      const modal = await modalOpenedWith(res.triggerId);
      expect(modal.callback_id).toBe('digest_settings');
      return modal;
    }

    const optionValues = (modal: FakeView, blockId: string) => ((modal.blocks as Block[]).find((b) => b.block_id === blockId)?.element?.options ?? []).map((o) => o.value);

    async function save(userId: string, modal: FakeView, values: StateValues) {
      const res = await app.slack.viewSubmission({ userId, viewId: modal.id, values });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      return res;
    }

    it('*Change…* opens the settings; no day ticked is refused; 07:30 on Mon/Wed/Fri, sent even when nothing is due, is saved and shown on the Home', async () => {
      const modal = await openSettings(WORKER);
      const blocks = modal.blocks as Block[];
      expect(blocks.find((b) => b.block_id === 'digest_time')?.element?.initial_time).toBe('08:00');
      expect(blocks.find((b) => b.block_id === 'digest_days')?.element?.initial_options?.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
      expect(optionValues(modal, 'digest_options')).toEqual(['skip_holidays', 'send_when_empty']); // no team summary for a case manager

      const noDays = await save(WORKER, modal, {
        digest_enabled: { value: checkboxes(['yes']) },
        digest_time: { value: timepicker('07:30') },
        digest_days: { value: checkboxes([]) },
        digest_options: { value: checkboxes([]) },
      });
      const refused = noDays.json<{ response_action: string; errors: Record<string, string> }>();
      expect(refused).toEqual({ response_action: 'errors', errors: { digest_days: 'Pick at least one day.' } });
      expect(app.db.select().from(digestSettings).all()).toEqual([]);

      const publishes = publishesFor(WORKER).length;
      const saved = await save(WORKER, modal, {
        digest_enabled: { value: checkboxes(['yes']) },
        digest_time: { value: timepicker('07:30') },
        digest_days: { value: checkboxes(['1', '3', '5']) },
        // Sent as if the option were there: a case manager still cannot turn on a team summary.
        digest_options: { value: checkboxes(['send_when_empty', 'team_summary']) },
      });
      expect(saved.body).toBe('');
      expect(app.db.select().from(digestSettings).all()).toEqual([
        expect.objectContaining({ staffId: WORKER, enabled: true, localTime: '07:30', weekdays: '1,3,5', skipHolidays: false, sendWhenEmpty: true, teamSummary: false, updatedBy: WORKER }),
      ]);
      const home = await nextPublish(WORKER, publishes);
      expect(textOf(home, 'home_digest')).toBe('*Daily digest*\nAt *07:30* on Mon, Wed, Fri, in your Slack time zone. Sent even when nothing is due.');

      // Opening the settings again shows what was saved.
      const again = await openSettings(WORKER);
      const againBlocks = again.blocks as Block[];
      expect(againBlocks.find((b) => b.block_id === 'digest_time')?.element?.initial_time).toBe('07:30');
      expect(againBlocks.find((b) => b.block_id === 'digest_days')?.element?.initial_options?.map((o) => o.value)).toEqual(['1', '3', '5']);
    });

    it('a supervisor is offered the team summary, and the Home says when it is on', async () => {
      const modal = await openSettings(SUPERVISOR);
      expect(optionValues(modal, 'digest_options')).toEqual(['skip_holidays', 'send_when_empty', 'team_summary']);
      expect(textOf(app.fake.homeView(SUPERVISOR)!.blocks as Block[], 'home_digest')).toContain('Without a team summary.');

      const publishes = publishesFor(SUPERVISOR).length;
      await save(SUPERVISOR, modal, {
        digest_enabled: { value: checkboxes(['yes']) },
        digest_time: { value: timepicker('08:00') },
        digest_days: { value: checkboxes(['1', '2', '3', '4', '5']) },
        digest_options: { value: checkboxes(['skip_holidays', 'team_summary']) },
      });
      expect(app.db.select().from(digestSettings).where(eq(digestSettings.staffId, SUPERVISOR)).get()).toMatchObject({ teamSummary: true, skipHolidays: true, sendWhenEmpty: false });
      const home = await nextPublish(SUPERVISOR, publishes);
      expect(textOf(home, 'home_digest')).toBe(
        '*Daily digest*\nAt *08:00* on Mon, Tue, Wed, Thu, Fri, except holidays, in your Slack time zone. Skipped when nothing is due. Includes a summary of your team.',
      );
    });
  });

  describe('seen as the worker sees it', () => {
    it('a supervisor’s note on a worker’s participant refreshes the worker’s App Home, not only the supervisor’s', async () => {
      const olga = enroll(WORKER, 'Olga Petrova');
      seedNote(WORKER, olga, daysAgo(31));
      const res = await app.slack.command({ command: '/casenote', text: 'olga phone Called to confirm the CASAS appointment.', userId: SUPERVISOR, channelId: CHANNEL });
      expect(res.problems).toEqual([]);
      const published = await app.fake.waitForCall('views.publish', (c) => c.args['user_id'] === WORKER);
      expect(published.ok).toBe(true);
      expect(JSON.stringify(published.args['view'])).not.toContain('Contact overdue');
    });

    it('a supervisor in another zone sees the worker’s items by the worker’s today', async () => {
      const tomas = enroll(WORKER, 'Tomas Reyes');
      seedNote(WORKER, tomas, daysAgo(30)); // due today in Honolulu (Nov 23), overdue by UTC’s Nov 24
      setStaffTz(SUPERVISOR, 'America/New_York');
      const res = await app.slack.command({ command: '/caseload', text: `<@${WORKER}|dana>`, userId: SUPERVISOR, channelId: CHANNEL });
      const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
      expect(entryText(blocksOf(reply.body), tomas)).toContain('Contact due today');
    });
  });
});

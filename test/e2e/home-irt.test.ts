// IRT meetings on the App Home (issue #6), through signed requests against the fake Slack: the
// viewer's meetings of the next 14 days with the confirmed time in their own zone, those still
// being planned, *Open card* on each; only meetings of participants the viewer may read; the
// Homes of the organizer and of invited staff are refreshed when a time is confirmed; a long list
// is capped within the Home's 100 blocks.
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planMeeting, type NewIrtMeeting } from '../../src/db/irt';
import { enrollParticipant } from '../../src/db/participants';
import { irtSlots } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { localDate } from '../../src/domain/dates';
import { formatSlotFor } from '../../src/domain/irt';
import { startTestApp, type TestApp } from '../harness/app';
import { validateBlocks } from '../harness/blockkit';
import { addStaff } from '../harness/db';
import type { RecordedCall } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';

const NOW = '2026-11-23T15:00:00.000Z'; // Monday Nov 23, 2026, 9:00 in Chicago
const WORKER = 'U0WORKER01'; // Dana Rivera (Chicago), the organizer
const SUPERVISOR = 'U0SUPERV01'; // Sol Marquez (New York), leads Dana
const OUTSIDER = 'U0WORKER03'; // Sam Okafor (Chicago), another team
const CHANNEL = 'C0IRTPLAN1';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ text?: string }>;
  accessory?: { type: string; action_id: string; value: string; text: { text: string } };
}

const textOf = (blocks: Block[], blockId: string) => blocks.find((b) => b.block_id === blockId)?.text?.text ?? '';
const meetingIds = (blocks: Block[]) => blocks.map((b) => /^home_irt_(\d+)$/.exec(b.block_id ?? '')?.[1]).filter((x): x is string => !!x).map(Number);

describe('IRT meetings on the App Home', () => {
  let app: TestApp;
  let amina: number;
  let yusuf: number;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: 'America/Chicago' });
    app.addUser(SUPERVISOR, 'Sol Marquez', { tz: 'America/New_York' });
    app.addUser(OUTSIDER, 'Sam Okafor', { tz: 'America/Chicago' });
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', tz: 'America/New_York', name: 'Sol Marquez' }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, tz: 'America/Chicago', name: 'Dana Rivera' }, now);
    addStaff(app.db, OUTSIDER, { tz: 'America/Chicago', name: 'Sam Okafor' }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone' }), now);
    yusuf = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Yusuf Ali', preferredName: 'Yusi' }), now);
  });
  afterEach(async () => {
    await app.close();
  });

  /** A meeting planned through the IRT flow's own db function (no partners: no release needed). */
  function plan(participantId: number, opts: { by?: string; urgent?: boolean; staffIds?: string[]; locationKind?: NewIrtMeeting['locationKind'] } = {}) {
    const by = opts.by ?? WORKER;
    const now = app.clock.now();
    const result = planMeeting(
      app.db,
      actor(by),
      {
        participantId,
        reason: 'needs',
        reasonDetail: null,
        urgent: opts.urgent ?? false,
        calledBy: 'case_manager',
        locationKind: opts.locationKind ?? 'in_person',
        locationDetail: null,
        planningChannelId: CHANNEL,
        bringAssessment: false,
        bringPlan: true,
        bringResources: false,
        preferredCommunication: 'Text message',
        naturalSupports: [],
        partnerContactIds: [],
        staffIds: opts.staffIds ?? [],
      },
      { now, today: localDate(now, 'America/Chicago'), timeZone: 'America/Chicago', holidays: app.config.holidays, profiles: app.config.profiles },
    );
    if (result.kind !== 'ok') throw new Error(`not planned: ${result.kind}`);
    return result;
  }

  const slotsOf = (meetingId: number) => app.db.select().from(irtSlots).where(eq(irtSlots.meetingId, meetingId)).orderBy(asc(irtSlots.startsAt)).all();

  /**
   * The organizer presses *Confirm* on a slot in the planning thread's message; resolves with
   * the Home published for them afterwards (the refresh follows the committed confirmation).
   */
  async function confirm(slotId: number, userId = WORKER): Promise<Block[]> {
    const before = publishesFor(userId);
    const message = app.fake.addMessage({
      channel: CHANNEL,
      text: 'Proposed times',
      blocks: [{ type: 'actions', block_id: `irt_slot_${slotId}`, elements: [{ type: 'button', action_id: 'irt_confirm_start', text: { type: 'plain_text', text: 'Confirm' }, value: String(slotId) }] }],
    });
    const res = await app.slack.blockAction({ userId, actionId: 'irt_confirm_start', channelId: CHANNEL, messageTs: message.ts });
    expect(res.problems).toEqual([]);
    return nextPublish(userId, before);
  }

  const publishesFor = (userId: string) => app.fake.callsTo('views.publish').filter((c) => c.args['user_id'] === userId).length;

  /** The first Home published for `userId` that shows `text` (refreshes are debounced, so wait on what they show). */
  async function publishedShowing(userId: string, text: string): Promise<Block[]> {
    const call = await app.fake.waitForCall('views.publish', (c) => c.args['user_id'] === userId && JSON.stringify(c.args['view']).includes(text));
    return expectValidHome(call);
  }

  function expectValidHome(call: RecordedCall): Block[] {
    expect(call.ok).toBe(true);
    const view = call.args['view'] as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateBlocks(view.blocks, 'home')).toEqual([]);
    return view.blocks;
  }

  async function nextPublish(userId: string, before: number): Promise<Block[]> {
    const calls = await app.fake.waitForCalls('views.publish', before + 1, (c) => c.args['user_id'] === userId);
    return expectValidHome(calls.at(-1)!);
  }

  async function openHome(userId: string): Promise<Block[]> {
    const before = publishesFor(userId);
    const res = await app.slack.event({ type: 'app_home_opened', user: userId, channel: app.fake.dmChannelFor(userId), tab: 'home' });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return nextPublish(userId, before);
  }

  it('lists the viewer’s meetings of the next 14 days in their zone, then those being planned; confirming a time refreshes the organizer’s and the invited supervisor’s Homes', async () => {
    // Urgent, Sol invited: proposed for the next working days.
    const urgent = plan(amina, { urgent: true, staffIds: [SUPERVISOR] });
    // Two weeks out, confirmed on Dec 7 (the 14th day) — shown — and one on Dec 8 or later — not yet.
    const lastDay = plan(amina, { locationKind: 'video' });
    const lastDaySlot = slotsOf(lastDay.meetingId).find((s) => localDate(new Date(s.startsAt), 'America/Chicago') === '2026-12-07')!;
    expect(lastDaySlot).toBeDefined();
    const later = plan(yusuf);
    const laterSlot = slotsOf(later.meetingId).find((s) => localDate(new Date(s.startsAt), 'America/Chicago') >= '2026-12-08')!;
    expect(laterSlot).toBeDefined();
    // Being planned for Yusuf; and Sam's meeting for his own participant, Dana invited: not hers to read.
    const planning = plan(yusuf);
    const farah = enrollParticipant(app.db, actor(OUTSIDER), newParticipant(OUTSIDER, { fullName: 'Farah Haddad' }), app.clock.now());
    const sams = plan(farah, { by: OUTSIDER, staffIds: [WORKER] });
    await confirm(lastDaySlot.id);
    await confirm(laterSlot.id);

    const before = await openHome(WORKER);
    expect(textOf(before, 'home_irt_title')).toBe('*IRT meetings* — the next 14 days, and those being planned');
    expect(meetingIds(before)).toEqual([lastDay.meetingId, urgent.meetingId, planning.meetingId]);
    expect(textOf(before, `home_irt_${lastDay.meetingId}`)).toBe(
      `*${formatSlotFor(new Date(lastDaySlot.startsAt), new Date(lastDaySlot.endsAt), 'America/Chicago')}* — Amina Kone\nVideo`,
    );
    expect(textOf(before, `home_irt_${urgent.meetingId}`)).toBe(`*Being planned* — Amina Kone\nNo time confirmed yet — planning in <#${CHANNEL}>.`);
    expect(textOf(before, `home_irt_${planning.meetingId}`)).toBe(`*Being planned* — Yusuf Ali (Yusi)\nNo time confirmed yet — planning in <#${CHANNEL}>.`);
    expect(JSON.stringify(before)).not.toContain('Farah');
    expect(meetingIds(before)).not.toContain(sams.meetingId);
    expect(meetingIds(before)).not.toContain(later.meetingId);

    // Dana confirms the urgent meeting's first time: her Home and Sol's are published again.
    const first = slotsOf(urgent.meetingId)[0]!;
    const [starts, ends] = [new Date(first.startsAt), new Date(first.endsAt)];
    const dana = await confirm(first.id);
    const sol = await publishedShowing(SUPERVISOR, formatSlotFor(starts, ends, 'America/New_York'));
    expect(meetingIds(dana)).toEqual([urgent.meetingId, lastDay.meetingId, planning.meetingId]);
    expect(textOf(dana, `home_irt_${urgent.meetingId}`)).toBe(`*${formatSlotFor(starts, ends, 'America/Chicago')}* — Amina Kone\nIn person`);
    // Sol sees the meeting he is invited to, in New York time, and not Dana's others.
    expect(meetingIds(sol)).toEqual([urgent.meetingId]);
    expect(textOf(sol, `home_irt_${urgent.meetingId}`)).toBe(`*${formatSlotFor(starts, ends, 'America/New_York')}* — Amina Kone\nIn person`);
    expect(formatSlotFor(starts, ends, 'America/New_York')).not.toBe(formatSlotFor(starts, ends, 'America/Chicago'));

    // Sam sees his own meeting only.
    expect(meetingIds(await openHome(OUTSIDER))).toEqual([sams.meetingId]);
  });

  it('*Open card* on a meeting opens the participant’s card in a modal', async () => {
    const { meetingId } = plan(yusuf);
    const blocks = await openHome(WORKER);
    const button = blocks.find((b) => b.block_id === `home_irt_${meetingId}`)!.accessory!;
    expect(button).toMatchObject({ type: 'button', action_id: 'participant_open', value: String(yusuf), text: { text: 'Open card' } });

    const home = app.fake.homeView(WORKER)!;
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'participant_open', view: { id: home.id }, blockId: `home_irt_${meetingId}` });
    expect(press.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok).toBe(true);
    const view = open.response['view'] as { callback_id: string; blocks: Block[] };
    expect(view.callback_id).toBe('participant_card');
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Yusuf Ali (Yusi)' } });
  });

  it('says so when there is none', async () => {
    const blocks = await openHome(WORKER);
    expect(meetingIds(blocks)).toEqual([]);
    expect(textOf(blocks, 'home_irt_title')).toBe('*IRT meetings* — the next 14 days, and those being planned\nNone. Plan one with `/irt` or from a participant’s card.');
    expect(blocks.find((b) => b.block_id === 'home_irt_more')).toBeUndefined();
  });

  it('shows ten and says how many more', async () => {
    const planned = Array.from({ length: 12 }, (_, n) => {
      const id = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: `Participant ${n + 1}` }), app.clock.now());
      return plan(id).meetingId;
    });
    const blocks = await openHome(WORKER);
    expect(meetingIds(blocks)).toEqual(planned.slice(0, 10));
    expect(blocks.find((b) => b.block_id === 'home_irt_more')?.elements).toEqual([expect.objectContaining({ text: '…and 2 more IRT meetings.' })]);
  });
});

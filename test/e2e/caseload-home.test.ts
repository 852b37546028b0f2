// A worker's own caseload: `/caseload` in any channel, privately, and the App Home. Both show
// only the worker's active participants, most recently enrolled first, a page at a time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeParticipantStatus, enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { actorFor, upsertStaffProfile } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import { startTestApp, type TestApp } from '../harness/app';
import { validateBlocks, validateMessage } from '../harness/blockkit';
import type { RecordedCall, RecordedResponse } from '../harness/fake-slack';

const WORKER = 'U0WORKER01';
const OTHER = 'U0WORKER02';
const CHANNEL = 'C0GENERAL1';
const DAY = 24 * 60 * 60 * 1000;

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown> };

/** `Participant 001` … `Participant 150`, enrolled one day apart: the higher the number, the more recent. */
const label = (n: number) => `Participant ${String(n).padStart(3, '0')}`;
const enrolledOn = (n: number) => new Date(Date.UTC(2026, 5, 1) + (n - 1) * DAY).toISOString().slice(0, 10);

function newParticipant(fullName: string, caseManager: string, enrollmentDate: string, others: string[] = []): NewParticipant {
  return {
    fullName,
    preferredName: null,
    preferredLanguage: 'English',
    interpreterNeeded: false,
    programs: [{ profileId: 'wioa-adult', enrollmentDate }],
    misId: null,
    phone: null,
    email: null,
    preferredContactMethod: 'phone',
    primaryCaseManagerId: caseManager,
    otherStaffIds: others,
  };
}

/** Participant names listed, in order (one section per participant, `caseload_<id>`). */
function listed(blocks: Block[]): string[] {
  return blocks
    .filter((b) => b.type === 'section' && /^caseload_\d+$/.test(b.block_id ?? ''))
    .map((b) => /^\*(.+?)\*/.exec(b.text?.text ?? '')?.[1] ?? '?');
}

function summaryOf(blocks: Block[]): string {
  return blocks.find((b) => b.block_id === 'caseload_summary' || b.block_id === 'home_summary')?.text?.text ?? '';
}

function pagerActions(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'actions' && /_pager$/.test(b.block_id ?? '') ? (b.elements ?? []).map((e) => String(e['action_id'])) : []));
}

/** Names expected on a page: newest first, counting down from `from`. */
const expectedNames = (from: number, count: number) => Array.from({ length: count }, (_, i) => label(from - i));

describe('a worker’s caseload', () => {
  let app: TestApp;
  let worker: Actor;
  let other: Actor;

  beforeEach(async () => {
    app = await startTestApp();
    const register = (id: string, name: string) => {
      app.addUser(id, name);
      return actorFor(upsertStaffProfile(app.db, { slackUserId: id, displayName: name, realName: name, tz: 'America/Chicago' }, app.clock.now()), new Set());
    };
    worker = register(WORKER, 'Dana Rivera');
    other = register(OTHER, 'Sam Okafor');
  });
  afterEach(() => app.close());

  /** 150 active participants for WORKER, plus what must not show: another worker’s, and closed ones. */
  function seedLargeCaseload() {
    const now = app.clock.now();
    for (let n = 1; n <= 150; n++) enrollParticipant(app.db, worker, newParticipant(label(n), WORKER, enrolledOn(n)), now);
    // Enrolled more recently than any of the 150, so they would lead the list if they leaked in.
    for (const name of ['Closed Case One', 'Closed Case Two']) {
      const id = enrollParticipant(app.db, worker, newParticipant(name, WORKER, '2026-11-20'), now);
      expect(changeParticipantStatus(app.db, worker, id, { status: 'closed', effectiveDate: '2026-11-21', reason: 'Moved out of state' }, now)).toBe('ok');
    }
    for (const name of ['Someone Else’s Participant', 'Another Of Sam’s']) enrollParticipant(app.db, other, newParticipant(name, OTHER, '2026-11-22'), now);
  }

  describe('/caseload', () => {
    async function caseload(text = ''): Promise<{ reply: RecordedResponse; responseUrl: string }> {
      const res = await app.slack.command({ command: '/caseload', text, userId: WORKER, channelId: CHANNEL });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
      expect(reply.ok).toBe(true);
      return { reply, responseUrl: res.responseUrl };
    }

    async function next(messageTs: string): Promise<RecordedResponse> {
      const res = await app.slack.blockAction({ userId: WORKER, actionId: 'caseload_page_next', channelId: CHANNEL, messageTs, isEphemeral: true });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
      const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
      expect(reply.ok).toBe(true);
      return reply;
    }

    it('shows 150 participants privately, a valid page at a time, most recently enrolled first', async () => {
      seedLargeCaseload();
      const { reply } = await caseload();
      expect(reply.body.response_type).toBe('ephemeral');
      const blocks = reply.body.blocks as Block[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(validateMessage({ text: reply.body.text, blocks })).toEqual([]);
      expect(summaryOf(blocks)).toContain('150 active participants');
      expect(listed(blocks)).toEqual(expectedNames(150, 20));
      expect(pagerActions(blocks)).toEqual(['caseload_page_next']);

      const shown = JSON.stringify(blocks);
      expect(shown).not.toMatch(/Closed Case|Someone Else|Another Of Sam/);
    });

    it('*Next ›* replaces the message with the next page, until the last page, which has no *Next*', async () => {
      seedLargeCaseload();
      const { reply } = await caseload();
      const ts = reply.messageTs!;
      expect(ts).toBeDefined();

      const seen: string[] = listed(reply.body.blocks as Block[]);
      let page = reply;
      for (let p = 2; p <= 8; p++) {
        page = await next(ts);
        expect(page.body.replace_original).toBe(true);
        expect(page.body.response_type).toBe('ephemeral');
        const blocks = page.body.blocks as Block[];
        expect(blocks.length).toBeLessThanOrEqual(50);
        expect(validateMessage({ text: page.body.text, blocks })).toEqual([]);
        const names = listed(blocks);
        expect(names).toEqual(expectedNames(150 - (p - 1) * 20, p === 8 ? 10 : 20));
        expect(summaryOf(blocks)).toContain(`showing ${(p - 1) * 20 + 1}–${Math.min(p * 20, 150)}`);
        // The message itself was replaced, not a new one posted.
        expect(listed(app.fake.findMessage(CHANNEL, ts)!.blocks as Block[])).toEqual(names);
        seen.push(...names);
      }
      expect(pagerActions(page.body.blocks as Block[])).toEqual(['caseload_page_prev']);
      expect(seen).toEqual(expectedNames(150, 150));
      expect(app.fake.messagesIn(CHANNEL).filter((m) => !m.deleted)).toHaveLength(1);
    });

    it('a worker with no active participants is told so plainly', async () => {
      const now = app.clock.now();
      enrollParticipant(app.db, other, newParticipant('Someone Else’s Participant', OTHER, '2026-11-02'), now);
      const id = enrollParticipant(app.db, worker, newParticipant('Closed Case One', WORKER, '2026-11-02'), now);
      changeParticipantStatus(app.db, worker, id, { status: 'closed', effectiveDate: '2026-11-10', reason: 'Found work' }, now);

      const { reply } = await caseload();
      expect(reply.body.response_type).toBe('ephemeral');
      const blocks = reply.body.blocks as Block[];
      expect(summaryOf(blocks)).toContain('no active participants');
      expect(listed(blocks)).toEqual([]);
      expect(pagerActions(blocks)).toEqual([]);
      expect(JSON.stringify(reply.body)).not.toMatch(/Someone Else|Closed Case/);
    });

    it('a participant the worker is also assigned to is listed, marked as such', async () => {
      const now = app.clock.now();
      enrollParticipant(app.db, other, newParticipant('Shared Case', OTHER, '2026-11-02', [WORKER]), now);
      enrollParticipant(app.db, worker, newParticipant('Own Case', WORKER, '2026-11-01'), now);
      const { reply } = await caseload();
      const blocks = reply.body.blocks as Block[];
      expect(listed(blocks)).toEqual(['Shared Case', 'Own Case']);
      expect(summaryOf(blocks)).toContain('2 active participants');
      expect(blocks.find((b) => listed([b])[0] === 'Shared Case')?.text?.text).toContain('also assigned');
      expect(blocks.find((b) => listed([b])[0] === 'Own Case')?.text?.text).not.toContain('also assigned');
    });

    it.each([
      ['`/caseload @someone` (as Slack escapes the mention)', `<@${OTHER}|sam.okafor>`],
      ['`/caseload team`', 'team'],
    ])('%s says plainly it is not available yet, and shows no one', async (_what, text) => {
      seedLargeCaseload();
      const { reply } = await caseload(text);
      expect(reply.body.response_type).toBe('ephemeral');
      expect(String(reply.body.text)).toMatch(/not available yet/);
      expect(reply.body.blocks).toBeUndefined();
      expect(JSON.stringify(reply.body)).not.toMatch(/Participant \d|Someone Else/);
    });
  });

  describe('the App Home', () => {
    async function openHome(tab = 'home') {
      const res = await app.slack.event({ type: 'app_home_opened', user: WORKER, channel: app.fake.dmChannelFor(WORKER), tab });
      expect(res.status).toBe(200);
      expect(res.problems).toEqual([]);
    }

    function expectValidHome(call: RecordedCall): Block[] {
      expect(call.ok).toBe(true);
      expect(call.args.user_id).toBe(WORKER);
      const view = call.args.view as { type: string; blocks: Block[] };
      expect(view.type).toBe('home');
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(validateBlocks(view.blocks, 'home')).toEqual([]);
      return view.blocks;
    }

    it('opening the Home tab publishes the worker’s caseload, within Block Kit limits, with the picker and *Enroll*', async () => {
      seedLargeCaseload();
      await openHome();
      const blocks = expectValidHome(await app.fake.waitForCall('views.publish'));

      expect(summaryOf(blocks)).toContain('150 active participants');
      expect(listed(blocks)).toEqual(expectedNames(150, 25));
      expect(pagerActions(blocks)).toEqual(['home_page_next']);
      const shown = JSON.stringify(blocks);
      expect(shown).not.toMatch(/Closed Case|Someone Else|Another Of Sam/);

      const elements = blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
      expect(elements).toContainEqual(expect.objectContaining({ type: 'external_select', action_id: 'participant_search', min_query_length: 0 }));
      expect(elements).toContainEqual(
        expect.objectContaining({ type: 'button', action_id: 'participant_enroll_start', text: expect.objectContaining({ text: expect.stringMatching(/Enroll/) }) }),
      );
      expect(app.fake.homeView(WORKER)?.blocks).toEqual(blocks);
    });

    it('*Next ›* republishes the Home with the next page, until the last page, which has no *Next*', async () => {
      seedLargeCaseload();
      await openHome();
      await app.fake.waitForCall('views.publish');
      const seen = listed(app.fake.homeView(WORKER)!.blocks as Block[]);

      for (let p = 2; p <= 6; p++) {
        const home = app.fake.homeView(WORKER)!;
        const res = await app.slack.blockAction({ userId: WORKER, actionId: 'home_page_next', view: { id: home.id } });
        expect(res.status).toBe(200);
        expect(res.problems).toEqual([]);
        const published = await app.fake.waitForCalls('views.publish', p);
        const blocks = expectValidHome(published.at(-1)!);
        const names = listed(blocks);
        expect(names).toEqual(expectedNames(150 - (p - 1) * 25, 25));
        expect(app.fake.homeView(WORKER)!.id).toBe(home.id);
        seen.push(...names);
        if (p === 6) expect(pagerActions(blocks)).toEqual(['home_page_prev']);
        else expect(pagerActions(blocks)).toEqual(['home_page_prev', 'home_page_next']);
      }
      expect(seen).toEqual(expectedNames(150, 150));
    });

    it('a worker with no participants gets an empty Home that says so, still with the picker and *Enroll*', async () => {
      await openHome();
      const blocks = expectValidHome(await app.fake.waitForCall('views.publish'));
      expect(summaryOf(blocks)).toContain('no active participants');
      expect(listed(blocks)).toEqual([]);
      expect(JSON.stringify(blocks)).toContain('participant_enroll_start');
      expect(JSON.stringify(blocks)).toContain('participant_search');
    });

    it('opening the Messages tab publishes nothing', async () => {
      seedLargeCaseload();
      await openHome('messages');
      await new Promise((r) => setTimeout(r, 200));
      expect(app.fake.callsTo('views.publish')).toEqual([]);
      expect(app.fake.homeView(WORKER)).toBeUndefined();
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { assignments, auditLog, participantStatusChanges, participants } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { RecordedResponse } from '../harness/fake-slack';
import { datepicker, plainText, usersSelect } from '../harness/slack-request';
import { newParticipant } from '../harness/fixtures';

// The agency: Sol leads a team of Dana and Lee; Sam works on Rue's team; Ada is a Tickler admin.
const WORKER = 'U0WORKER01'; // Dana Rivera
const TEAMMATE = 'U0WORKER02'; // Lee Chen
const OUTSIDER = 'U0WORKER03'; // Sam Okafor, another team
const SUPERVISOR = 'U0SUPERV01'; // Sol Marquez, leads Dana and Lee
const OTHER_SUPERVISOR = 'U0SUPERV02'; // Rue Adams, leads Sam
const ADMIN = 'U0ADMIN001'; // Ada Brooks
const CHANNEL = 'C0GENERAL1';

const NOT_AVAILABLE = 'That participant’s file is not available to you.';

type Obj = Record<string, unknown>;
interface Element {
  type: string;
  action_id?: string;
  value?: string;
  min_query_length?: number;
  initial_value?: string;
}
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Element[];
  accessory?: Element;
  element?: Element;
}
interface Option {
  text: { type: string; text: string };
  value: string;
}

function person(caseManagerId: string, overrides: Partial<NewParticipant> = {}): NewParticipant {
  return newParticipant(caseManagerId, {
    fullName: 'Someone',
    preferredLanguage: 'English',
    programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-11-02' }],
    ...overrides,
  });
}

const MARIA: Partial<NewParticipant> = {
  fullName: 'María José González',
  preferredName: 'Majo',
  preferredLanguage: 'Spanish',
  interpreterNeeded: true,
  programs: [
    { profileId: 'wioa-adult', enrollmentDate: '2026-11-02' },
    { profileId: 'wagner-peyser', enrollmentDate: '2026-11-03' },
  ],
  misId: 'WI-4471902',
  preferredContactMethod: 'text',
};

function blocksOf(body: Obj | undefined): Block[] {
  return (Array.isArray(body?.['blocks']) ? body['blocks'] : []) as Block[];
}

function elementsIn(blocks: Block[]): Element[] {
  return blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : []), ...(b.element ? [b.element] : [])]);
}

function actionIdsIn(blocks: Block[]): string[] {
  return elementsIn(blocks).map((e) => e.action_id ?? '');
}

describe('finding and opening a participant’s card', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp({ adminUserIds: [ADMIN] });
    const now = app.clock.now();
    const people: Array<[string, string]> = [
      [WORKER, 'Dana Rivera'],
      [TEAMMATE, 'Lee Chen'],
      [OUTSIDER, 'Sam Okafor'],
      [SUPERVISOR, 'Sol Marquez'],
      [OTHER_SUPERVISOR, 'Rue Adams'],
      [ADMIN, 'Ada Brooks'],
    ];
    for (const [id, name] of people) app.addUser(id, name);
    addStaff(app.db, SUPERVISOR, { role: 'supervisor', name: 'Sol Marquez' }, now);
    addStaff(app.db, OTHER_SUPERVISOR, { role: 'supervisor', name: 'Rue Adams' }, now);
    addStaff(app.db, WORKER, { supervisorId: SUPERVISOR, name: 'Dana Rivera' }, now);
    addStaff(app.db, TEAMMATE, { supervisorId: SUPERVISOR, name: 'Lee Chen' }, now);
    addStaff(app.db, OUTSIDER, { supervisorId: OTHER_SUPERVISOR, name: 'Sam Okafor' }, now);
  });
  afterEach(() => app.close());

  /** A participant whose primary case manager is `caseManagerId` (who enrolled them). */
  function enroll(caseManagerId: string, overrides: Partial<NewParticipant> = {}): number {
    const actor = actorFor(getStaff(app.db, caseManagerId)!, new Set());
    return enrollParticipant(app.db, actor, person(caseManagerId, overrides), app.clock.now());
  }

  /** Types `/participant <text>`; returns the private answer posted to the command's response_url. */
  async function participantCommand(userId: string, text: string) {
    const res = await app.slack.command({ command: '/participant', text, userId, channelId: CHANNEL });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.problems).toEqual([]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    expect(reply.body.response_type).toBe('ephemeral');
    return { reply, ts: reply.messageTs!, blocks: blocksOf(reply.body), shown: JSON.stringify(reply.body) };
  }

  /** Presses a button (or picks an option) in the private message with timestamp `ts`. */
  async function pressInMessage(userId: string, ts: string, actionId: string, extra: { blockId?: string; selectedOption?: { value: string; text: string } } = {}) {
    const res = await app.slack.blockAction({ userId, actionId, channelId: CHANNEL, messageTs: ts, ...extra });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return res;
  }

  async function responseTo(url: string | undefined): Promise<RecordedResponse> {
    const reply = await app.fake.waitForResponse((r) => r.url === url);
    expect(reply.ok).toBe(true);
    return reply;
  }

  async function modalOpenedWith(triggerId: string) {
    const open = await app.fake.waitForCall('views.open', (c) => c.args.trigger_id === triggerId);
    expect(open.ok).toBe(true);
    return open.args.view as { callback_id: string; blocks: Block[] };
  }

  function messageBlocks(ts: string): Block[] {
    return (app.fake.findMessage(CHANNEL, ts)?.blocks ?? []) as Block[];
  }

  async function caseloadOf(userId: string): Promise<string[]> {
    const res = await app.slack.command({ command: '/caseload', text: '', userId, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const reply = await responseTo(res.responseUrl);
    return blocksOf(reply.body)
      .map((b) => b.block_id ?? '')
      .filter((id) => /^caseload_\d+$/.test(id));
  }

  async function searchAs(userId: string, query: string, where: { blockId: string } | { viewId: string }): Promise<Option[]> {
    const res = await app.slack.blockSuggestion({ userId, actionId: 'participant_search', value: query, ...where });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    return res.json<{ options: Option[] }>().options;
  }

  async function publishHome(userId: string) {
    const forUser = (c: { args: Obj }) => c.args['user_id'] === userId;
    const before = app.fake.callsTo('views.publish').filter(forUser).length;
    const res = await app.slack.event({ type: 'app_home_opened', user: userId, channel: app.fake.dmChannelFor(userId), tab: 'home' });
    expect(res.problems).toEqual([]);
    const published = await app.fake.waitForCalls('views.publish', before + 1, forUser);
    expect(published.at(-1)!.ok).toBe(true);
    return app.fake.homeView(userId)!;
  }

  // ------------------------------------------------------------------------ 1. one match

  it('`/participant maria` with exactly one match shows that participant’s card privately', async () => {
    const maria = enroll(WORKER, MARIA);
    enroll(WORKER, { fullName: 'Rosa Ortiz' });

    const { reply, blocks, shown } = await participantCommand(WORKER, 'maria');
    expect(reply.body.replace_original).toBe(false);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'María José González (Majo)' } });
    expect(shown).toContain('WIOA Adult — enrolled Nov 2, 2026');
    expect(shown).toContain('Wagner-Peyser Employment Service — enrolled Nov 3, 2026');
    expect(shown).toContain(`*Case manager*\\n<@${WORKER}>`);
    expect(shown).toContain('Active since Nov 2, 2026');
    expect(shown).toContain('WI-4471902');
    expect(shown).not.toContain('Rosa Ortiz');
    expect(elementsIn(blocks).find((e) => e.action_id === 'participant_close_start')?.value).toBe(String(maria));
  });

  it('the card’s buttons sit in one row: note, plan, IRT meeting, releases, then close (and *Reassign* for the supervisor)', async () => {
    const maria = enroll(WORKER, MARIA);
    const buttonRows = (blocks: Block[]) =>
      blocks.filter((b) => b.type === 'actions' && (b.elements ?? []).some((e) => e.value === String(maria))).map((b) => [b.block_id, (b.elements ?? []).map((e) => e.action_id)]);

    const workers = await participantCommand(WORKER, 'majo');
    expect(buttonRows(workers.blocks)).toEqual([[`card_actions_${maria}`, ['casenote_start', 'plan_open', 'irt_start', 'releases_open', 'participant_close_start']]]);
    expect(elementsIn(workers.blocks).filter((e) => e.action_id === 'irt_start' || e.action_id === 'releases_open').map((e) => e.value)).toEqual([String(maria), String(maria)]);

    const supervisors = await participantCommand(SUPERVISOR, 'majo');
    expect(buttonRows(supervisors.blocks)).toEqual([
      [`card_actions_${maria}`, ['casenote_start', 'plan_open', 'irt_start', 'releases_open', 'participant_close_start', 'participant_reassign_start']],
    ]);

    // Someone who may not see the file gets no card: only the offer to enroll what they typed.
    const outsiders = await participantCommand(OUTSIDER, 'majo');
    expect(actionIdsIn(outsiders.blocks)).toEqual(['participant_enroll_start']);
  });

  it('`/participant` text arrives HTML-escaped from Slack and is unescaped before matching', async () => {
    enroll(WORKER, { fullName: 'Beatriz Santos', preferredName: 'Bea & Tris' });
    enroll(WORKER, { fullName: 'Kim <Kimmy> Lee' });

    // Slack sends `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;`.
    const bea = await participantCommand(WORKER, 'bea &amp; tris');
    expect(bea.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Beatriz Santos (Bea & Tris)' } });

    const kim = await participantCommand(WORKER, 'kim &lt;kimmy&gt;');
    expect(kim.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Kim <Kimmy> Lee' } });
  });

  // ------------------------------------------------------------------ 2. several matches

  it('several matches give a short pick list; *Open* replaces it with the chosen card', async () => {
    const majo = enroll(WORKER, MARIA);
    const lopez = enroll(WORKER, { fullName: 'Maria Lopez' });
    enroll(WORKER, { fullName: 'Rosa Ortiz' });

    const list = await participantCommand(WORKER, 'maria');
    expect(list.reply.body.text).toBe('Several participants match');
    const openButtons = elementsIn(list.blocks).filter((e) => e.action_id === 'participant_open');
    expect(openButtons.map((b) => b.value).sort()).toEqual([String(majo), String(lopez)].sort());
    expect(list.shown).not.toContain('Rosa Ortiz');
    expect(list.shown).not.toContain('participant_close_start'); // a list, not a card

    const press = await pressInMessage(WORKER, list.ts, 'participant_open', { blockId: `pick_${lopez}` });
    const card = await responseTo(press.responseUrl);
    expect(card.body.replace_original).toBe(true);
    expect(card.messageTs).toBe(list.ts);
    const nowShown = messageBlocks(list.ts);
    expect(nowShown[0]).toMatchObject({ type: 'header', text: { text: 'Maria Lopez' } });
    expect(JSON.stringify(nowShown)).not.toContain('Several participants match');
  });

  // ------------------------------------------------------------------------ 3. no match

  it('no match says so, naming only what was typed, and offers to enroll with the typed name', async () => {
    enroll(WORKER, MARIA);

    const none = await participantCommand(WORKER, 'Zelda Quist');
    expect(none.reply.body.text).toBe('No participant matches');
    expect(none.blocks).toHaveLength(1);
    expect(none.blocks[0]?.text?.text).toBe('No participant you can see matches “Zelda Quist”.');
    expect(none.shown).not.toMatch(/Mar[ií]a|Majo|Gonz|4471902/);
    expect(none.blocks[0]?.accessory).toMatchObject({ type: 'button', action_id: 'participant_enroll_start', text: { text: 'Enroll a participant' } });

    const press = await pressInMessage(WORKER, none.ts, 'participant_enroll_start');
    const modal = await modalOpenedWith(press.triggerId);
    expect(modal.callback_id).toBe('participant_enroll');
    expect(modal.blocks.find((b) => b.block_id === 'full_name')?.element?.initial_value).toBe('Zelda Quist');
  });

  // ------------------------------------------------------------------ 4. participant search

  describe('the participant search (external select) over 150 participants', () => {
    const ids: Record<string, number> = {};

    beforeEach(() => {
      // Dana's participants whose names matter to the searches below.
      ids['majo'] = enroll(WORKER, MARIA);
      ids['lopez'] = enroll(WORKER, { fullName: 'Maria Lopez' });
      ids['torres'] = enroll(WORKER, { fullName: 'Ana Maria Torres' });
      ids['mariana'] = enroll(WORKER, { fullName: 'Josefina Smith', preferredName: 'Mariana' });
      ids['rosa'] = enroll(WORKER, { fullName: 'Rosa Gonzalez' });
      ids['lupe'] = enroll(WORKER, {
        fullName: 'María Guadalupe Fernández de la Concepción Rodríguez y Villanueva-Castellanos',
        preferredName: 'Lupe',
      });
      // Lee's (same team as Dana), and Sam's (another team).
      ids['marianne'] = enroll(TEAMMATE, { fullName: 'Marianne Duarte' });
      ids['zamora'] = enroll(OUTSIDER, { fullName: 'María Zamora', misId: 'WI-4471903' });
      ids['gonzalo'] = enroll(OUTSIDER, { fullName: 'Gonzalo Ibarra' });
      // Everyone else: names that match none of the searches; two thirds Dana's, a third Sam's.
      const first = ['Aaron', 'Beth', 'Carlos', 'Deng', 'Elif', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jamal'];
      const last = ['Abbott', 'Baker', 'Chen', 'Diallo', 'Evans', 'Fischer', 'Garcia', 'Hoang', 'Ito', 'Jensen', 'Kowalski', 'Lindqvist', 'Mensah', 'Novak', 'Okafor'];
      const names = first.flatMap((f) => last.map((l) => `${f} ${l}`)).slice(0, 150 - Object.keys(ids).length);
      names.forEach((fullName, i) => enroll(i % 3 === 0 ? OUTSIDER : WORKER, { fullName }));
      expect(app.db.select().from(participants).all()).toHaveLength(150);
    });

    const idsOf = (options: Option[]) => options.map((o) => Number(o.value)).sort((a, b) => a - b);
    const expected = (...keys: string[]) => keys.map((k) => ids[k]!).sort((a, b) => a - b);

    it('the picker in the `/participant` help message and in the App Home loads options from the first keystroke', async () => {
      const help = await participantCommand(WORKER, '');
      const inHelp = elementsIn(help.blocks).find((e) => e.action_id === 'participant_search');
      expect(inHelp).toMatchObject({ type: 'external_select', min_query_length: 0 });

      const home = await publishHome(WORKER);
      const inHome = elementsIn(home.blocks as Block[]).find((e) => e.action_id === 'participant_search');
      expect(inHome).toMatchObject({ type: 'external_select', min_query_length: 0 });
    });

    it('matches name, preferred name and MIS id by substring, ignoring case and accents, among the worker’s own participants', async () => {
      await participantCommand(WORKER, ''); // the help message with the picker
      const fromMessage = { blockId: 'participant_help_picker' };

      const maria = await searchAs(WORKER, 'maria', fromMessage);
      expect(idsOf(maria)).toEqual(expected('majo', 'lopez', 'torres', 'mariana', 'lupe'));
      expect(maria.map((o) => o.text.text)).toContain('María José González (Majo)');
      expect(maria.map((o) => o.text.text)).toContain('Josefina Smith (Mariana)');

      expect(idsOf(await searchAs(WORKER, 'MARÍA', fromMessage))).toEqual(idsOf(maria));
      expect(idsOf(await searchAs(WORKER, 'gonz', fromMessage))).toEqual(expected('majo', 'rosa'));
      expect(idsOf(await searchAs(WORKER, 'wi-447190', fromMessage))).toEqual(expected('majo'));

      const everything = await searchAs(WORKER, '', fromMessage);
      expect(everything).toHaveLength(50);
      const danas = new Set(app.db.select().from(assignments).all().filter((a) => a.staffId === WORKER).map((a) => a.participantId));
      expect(danas.size).toBeGreaterThan(50);
      expect(idsOf(everything).every((id) => danas.has(id))).toBe(true);

      for (const o of [...maria, ...everything]) expect([...o.text.text].length).toBeLessThanOrEqual(75);
      const lupe = maria.find((o) => o.value === String(ids['lupe']))!;
      expect(lupe.text.text).toMatch(/^María Guadalupe Fernández .*…$/);
    });

    it('the same search from the App Home picker answers the same way', async () => {
      const home = await publishHome(WORKER);
      const fromHome = { viewId: home.id };
      expect(idsOf(await searchAs(WORKER, 'maria', fromHome))).toEqual(expected('majo', 'lopez', 'torres', 'mariana', 'lupe'));
      expect(await searchAs(WORKER, '', fromHome)).toHaveLength(50);
    });

    it('participants assigned to another worker never appear; a supervisor sees their team’s; an admin sees all', async () => {
      const fromMessage = { blockId: 'participant_help_picker' };
      for (const user of [WORKER, SUPERVISOR, ADMIN]) await participantCommand(user, '');

      const worker = [
        ...(await searchAs(WORKER, 'maria', fromMessage)),
        ...(await searchAs(WORKER, 'gonz', fromMessage)),
        ...(await searchAs(WORKER, 'duarte', fromMessage)),
        ...(await searchAs(WORKER, '4471903', fromMessage)),
      ];
      expect(worker.map((o) => o.value)).not.toContain(String(ids['zamora']));
      expect(worker.map((o) => o.value)).not.toContain(String(ids['gonzalo']));
      expect(worker.map((o) => o.value)).not.toContain(String(ids['marianne']));
      expect(JSON.stringify(worker)).not.toMatch(/Zamora|Gonzalo|Marianne|Duarte/);

      expect(idsOf(await searchAs(SUPERVISOR, 'maria', fromMessage))).toEqual(expected('majo', 'lopez', 'torres', 'mariana', 'lupe', 'marianne'));
      expect(idsOf(await searchAs(SUPERVISOR, 'gonz', fromMessage))).toEqual(expected('majo', 'rosa'));

      expect(idsOf(await searchAs(ADMIN, 'maria', fromMessage))).toEqual(expected('majo', 'lopez', 'torres', 'mariana', 'lupe', 'marianne', 'zamora'));
      expect(idsOf(await searchAs(ADMIN, 'gonz', fromMessage))).toEqual(expected('majo', 'rosa', 'gonzalo'));
      expect(await searchAs(ADMIN, '', fromMessage)).toHaveLength(50);
    });
  });

  // ------------------------------------------------------------- 5. picking from the picker

  it('picking a participant in a message’s picker replaces that message with the card', async () => {
    const maria = enroll(WORKER, MARIA);
    const help = await participantCommand(WORKER, '');

    const pick = await pressInMessage(WORKER, help.ts, 'participant_search', { selectedOption: { value: String(maria), text: 'María José González (Majo)' } });
    const card = await responseTo(pick.responseUrl);
    expect(card.body.replace_original).toBe(true);
    expect(card.messageTs).toBe(help.ts);
    expect(messageBlocks(help.ts)[0]).toMatchObject({ type: 'header', text: { text: 'María José González (Majo)' } });
    expect(app.fake.callsTo('views.open')).toEqual([]);
  });

  it('picking a participant in the App Home opens the card in a modal', async () => {
    const maria = enroll(WORKER, MARIA);
    const home = await publishHome(WORKER);

    const pick = await app.slack.blockAction({
      userId: WORKER,
      actionId: 'participant_search',
      view: { id: home.id },
      selectedOption: { value: String(maria), text: 'María José González (Majo)' },
    });
    expect(pick.problems).toEqual([]);
    const modal = await modalOpenedWith(pick.triggerId);
    expect(modal.callback_id).toBe('participant_card');
    expect(modal.blocks[0]).toMatchObject({ type: 'header', text: { text: 'María José González (Majo)' } });
    expect(JSON.stringify(modal.blocks)).toContain(`<@${WORKER}>`);
    expect(app.fake.responses).toEqual([]);
  });

  it('closing a case from the card modal pushes the form on top and refreshes the card in place', async () => {
    const maria = enroll(WORKER, MARIA);
    const home = await publishHome(WORKER);
    const pick = await app.slack.blockAction({
      userId: WORKER,
      actionId: 'participant_search',
      view: { id: home.id },
      selectedOption: { value: String(maria), text: 'María José González (Majo)' },
    });
    await modalOpenedWith(pick.triggerId);
    const cardView = app.fake.findView('participant_card', WORKER)!;

    const close = await app.slack.blockAction({ userId: WORKER, actionId: 'participant_close_start', view: { id: cardView.id } });
    expect(close.problems).toEqual([]);
    const push = await app.fake.waitForCall('views.push', (c) => c.args.trigger_id === close.triggerId);
    expect(push.ok).toBe(true);
    expect((push.args.view as { callback_id: string }).callback_id).toBe('participant_close');

    const submit = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_close',
      values: { reason: { value: plainText('Moved out of state') }, effective_date: { value: datepicker('2026-11-21') } },
    });
    expect(submit.problems).toEqual([]);
    const update = await app.fake.waitForCall('views.update', (c) => c.args.view_id === cardView.id);
    expect(update.ok).toBe(true);
    const refreshed = JSON.stringify(update.args.view);
    expect(refreshed).toContain('Closed Nov 21, 2026 — Moved out of state');
    expect(refreshed).toContain('participant_reopen_start');
    expect(app.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  // ------------------------------------------------------------------------- 6. privacy

  it('another worker asking for someone not theirs gets the same answer as for a name that does not exist', async () => {
    enroll(WORKER, MARIA);

    const notTheirs = await participantCommand(OUTSIDER, 'María José González');
    const nobody = await participantCommand(OUTSIDER, 'Nadia Nobody Here');
    const withoutTyped = (shown: string, typed: string) => shown.split(typed).join('<typed>');
    expect(withoutTyped(notTheirs.shown, 'María José González')).toBe(withoutTyped(nobody.shown, 'Nadia Nobody Here'));
    expect(notTheirs.shown).not.toMatch(/Majo|4471902|U0WORKER01|Spanish/);
    expect(app.db.select().from(auditLog).all().filter((a) => a.actorId === OUTSIDER)).toEqual([]);
  });

  it('a supervisor of the worker’s team sees the card, and that read is audited without names', async () => {
    const maria = enroll(WORKER, MARIA);

    const card = await participantCommand(SUPERVISOR, 'majo');
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { text: 'María José González (Majo)' } });

    const reads = app.db.select().from(auditLog).all().filter((a) => a.action === 'read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorId: SUPERVISOR, action: 'read', entity: 'participant', entityId: String(maria), basis: 'supervisor' });
    expect(JSON.stringify(reads[0])).not.toMatch(/Mar[ií]a|Majo|Gonz|4471902/);
  });

  it('the assigned worker’s own reads are not audited', async () => {
    enroll(WORKER, MARIA);
    await participantCommand(WORKER, 'majo');
    await participantCommand(WORKER, 'gonzález');
    expect(app.db.select().from(auditLog).all().map((a) => a.action)).toEqual(['enroll']);
  });

  // ---------------------------------------------------------------- 7. close and reopen

  it('a case is closed from its card with a reason and a date that is not in the future, and reopened the same way', async () => {
    const maria = enroll(WORKER, MARIA);
    const card = await participantCommand(WORKER, 'majo');
    expect(await caseloadOf(WORKER)).toEqual([`caseload_${maria}`]);

    const close = await pressInMessage(WORKER, card.ts, 'participant_close_start');
    const modal = await modalOpenedWith(close.triggerId);
    expect(modal.callback_id).toBe('participant_close');

    // No reason: the error lands on the reason field, nothing changes.
    const noReason = await app.slack.viewSubmission({ userId: WORKER, callbackId: 'participant_close', values: { reason: { value: plainText(null) } } });
    expect(noReason.problems).toEqual([]);
    expect(noReason.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why the case is closing.' } });

    // A closing date in the future: the error lands on the date field.
    const future = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_close',
      values: { reason: { value: plainText('Found full-time work') }, effective_date: { value: datepicker('2026-11-24') } },
    });
    expect(future.problems).toEqual([]);
    expect(future.json()).toEqual({ response_action: 'errors', errors: { effective_date: 'The closing date cannot be in the future.' } });
    expect(app.db.select().from(participants).get()).toMatchObject({ status: 'active', statusDate: '2026-11-02' });
    expect(app.db.select().from(participantStatusChanges).all()).toEqual([]);

    const valid = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_close',
      values: { reason: { value: plainText('Found full-time work') }, effective_date: { value: datepicker('2026-11-20') } },
    });
    expect(valid.problems).toEqual([]);
    expect(valid.body).toBe('');
    expect(app.db.select().from(participants).get()).toMatchObject({ status: 'closed', statusDate: '2026-11-20' });
    expect(app.db.select().from(participantStatusChanges).all()).toMatchObject([
      { participantId: maria, status: 'closed', effectiveDate: '2026-11-20', reason: 'Found full-time work', changedBy: WORKER },
    ]);

    // The card the button was on is refreshed in place.
    const refreshed = await responseTo(close.responseUrl);
    expect(refreshed.body.replace_original).toBe(true);
    expect(refreshed.messageTs).toBe(card.ts);
    const closedCard = messageBlocks(card.ts);
    expect(JSON.stringify(closedCard)).toContain('Closed Nov 20, 2026 — Found full-time work');
    expect(actionIdsIn(closedCard)).toContain('participant_reopen_start');
    expect(actionIdsIn(closedCard)).not.toContain('participant_close_start');

    expect(await caseloadOf(WORKER)).toEqual([]);

    const reopen = await pressInMessage(WORKER, card.ts, 'participant_reopen_start');
    expect((await modalOpenedWith(reopen.triggerId)).callback_id).toBe('participant_reopen');
    const reopened = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_reopen',
      values: { reason: { value: plainText('Lost the job; back for training') }, effective_date: { value: datepicker('2026-11-23') } },
    });
    expect(reopened.problems).toEqual([]);
    expect(reopened.body).toBe('');
    expect(app.db.select().from(participants).get()).toMatchObject({ status: 'active', statusDate: '2026-11-23' });
    expect(app.db.select().from(participantStatusChanges).all().map((c) => c.status)).toEqual(['closed', 'active']);

    const again = await responseTo(reopen.responseUrl);
    expect(again.messageTs).toBe(card.ts);
    expect(JSON.stringify(messageBlocks(card.ts))).toContain('Active since Nov 23, 2026');
    expect(actionIdsIn(messageBlocks(card.ts))).toContain('participant_close_start');

    expect(await caseloadOf(WORKER)).toEqual([`caseload_${maria}`]);
    expect(app.db.select().from(auditLog).all().map((a) => `${a.action}/${a.actorId}/${a.basis}`)).toEqual([
      `enroll/${WORKER}/enrolled`,
      `close/${WORKER}/assigned`,
      `reopen/${WORKER}/assigned`,
    ]);
  });

  // --------------------------------------------------------------------------- 8. reassign

  it('only the team’s supervisor or an admin sees *Reassign*; after a reassignment the old worker loses the card and the new one has it', async () => {
    const maria = enroll(WORKER, MARIA);

    const workersCard = await participantCommand(WORKER, 'majo');
    expect(actionIdsIn(workersCard.blocks)).not.toContain('participant_reassign_start');
    const adminsCard = await participantCommand(ADMIN, 'majo');
    expect(actionIdsIn(adminsCard.blocks)).toContain('participant_reassign_start');
    const supervisorsCard = await participantCommand(SUPERVISOR, 'majo');
    expect(actionIdsIn(supervisorsCard.blocks)).toContain('participant_reassign_start');

    // Dana has an Open button for Maria in her caseload, from before the move.
    const caseload = await app.slack.command({ command: '/caseload', text: '', userId: WORKER, channelId: CHANNEL });
    const caseloadMessage = await responseTo(caseload.responseUrl);

    const press = await pressInMessage(SUPERVISOR, supervisorsCard.ts, 'participant_reassign_start');
    expect((await modalOpenedWith(press.triggerId)).callback_id).toBe('participant_reassign');
    const submit = await app.slack.viewSubmission({ userId: SUPERVISOR, callbackId: 'participant_reassign', values: { new_case_manager: { value: usersSelect(TEAMMATE) } } });
    expect(submit.problems).toEqual([]);
    expect(submit.body).toBe('');

    expect(app.db.select().from(assignments).all()).toMatchObject([{ participantId: maria, staffId: TEAMMATE, role: 'primary' }]);
    const refreshed = await responseTo(press.responseUrl);
    expect(refreshed.messageTs).toBe(supervisorsCard.ts);
    expect(JSON.stringify(messageBlocks(supervisorsCard.ts))).toContain(`*Case manager*\\n<@${TEAMMATE}>`);
    expect(app.db.select().from(auditLog).all().filter((a) => a.action === 'reassign')).toMatchObject([
      { actorId: SUPERVISOR, entityId: String(maria), basis: 'supervisor', detail: JSON.stringify({ to: TEAMMATE }) },
    ]);

    // The old worker: no match by name, and the old Open button no longer opens the file.
    const old = await participantCommand(WORKER, 'majo');
    expect(old.reply.body.text).toBe('No participant matches');
    const open = await pressInMessage(WORKER, caseloadMessage.messageTs!, 'participant_open', { blockId: `caseload_${maria}` });
    const refused = await responseTo(open.responseUrl);
    expect(refused.body.text).toBe(NOT_AVAILABLE);
    expect(JSON.stringify(refused.body)).not.toMatch(/Mar[ií]a|Majo/);

    // The new worker has it.
    const theirs = await participantCommand(TEAMMATE, 'majo');
    expect(theirs.blocks[0]).toMatchObject({ type: 'header', text: { text: 'María José González (Majo)' } });
    expect(actionIdsIn(theirs.blocks)).toContain('participant_close_start');
    expect(actionIdsIn(theirs.blocks)).not.toContain('participant_reassign_start');
  });
});

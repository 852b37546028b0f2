// The partner directory (`/irt partners`) and releases of information (the card's *Releases*
// button, and the IRT flow's *Record release*), proven through signed requests against the fake
// Slack: forms validated with errors on the field, nothing written when refused, the directory
// and the releases list refreshed in place, access, and Block Kit limits.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant } from '../../src/db/participants';
import { addPartner } from '../../src/db/partners';
import { auditLog, partnerContacts, partners, releases } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import { checkboxes, datepicker, externalSelect, plainText, staticSelect, usersSelect, type StateValues } from '../harness/slack-request';

const NOW = '2026-11-23T18:00:00.000Z'; // Monday Nov 23, 2026, noon in Chicago
const TODAY = '2026-11-23';
const ZONE = 'America/Chicago';
const WORKER = 'U0WORKER01';
const OUTSIDER = 'U0WORKER03';
const PARTNER_PERSON = 'U0PARTNR01';
const CHANNEL = 'C0GENERAL1';
const NOT_AVAILABLE = 'That participant’s file is not available to you.';

type Obj = Record<string, unknown>;
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ type: string; action_id?: string; value?: string; options?: Array<{ value: string }>; text?: { text: string } }>;
  accessory?: { type: string; action_id?: string; value?: string };
  element?: { type: string; action_id?: string; initial_option?: { value: string } };
}
const v = (state: Obj) => ({ value: state });
/** The partner picker is an external select: its action_id is its own (options are loaded by it). */
const p = (state: Obj) => ({ release_partner_pick: state });
const blocksOf = (view: { blocks: unknown[] } | undefined): Block[] => (view?.blocks ?? []) as Block[];
const shown = (view: { blocks: unknown[] } | undefined) => JSON.stringify(view?.blocks ?? []);

describe('the partner directory and releases of information', () => {
  let app: TestApp;
  let maria: number;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    for (const [id, name] of [
      [WORKER, 'Dana Rivera'],
      [OUTSIDER, 'Sam Okafor'],
      [PARTNER_PERSON, 'Pat Lee'],
    ] as const) app.addUser(id, name, { tz: ZONE });
    addStaff(app.db, WORKER, { name: 'Dana Rivera', tz: ZONE }, app.clock.now());
    addStaff(app.db, OUTSIDER, { name: 'Sam Okafor', tz: ZONE }, app.clock.now());
    maria = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER), app.clock.now());
  });
  afterEach(async () => {
    await app.close();
  });

  const seedPartner = (name: string) => {
    const r = addPartner(app.db, actor(WORKER), { name, kind: 'community_provider' }, app.clock.now());
    if (r.kind !== 'ok') throw new Error('partner');
    return r.partnerId;
  };

  // ------------------------------------------------------------------------------ directory

  async function openDirectory(userId = WORKER): Promise<FakeView> {
    const res = await app.slack.command({ command: '/irt', text: 'partners', userId, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('partner_directory');
    return view;
  }

  async function push(fromViewId: string, actionId: string, opts: { blockId?: string; selectedOption?: string; userId?: string } = {}): Promise<FakeView> {
    const press = await app.slack.blockAction({
      userId: opts.userId ?? WORKER,
      actionId,
      view: { id: fromViewId },
      ...(opts.blockId ? { blockId: opts.blockId } : {}),
      ...(opts.selectedOption ? { selectedOption: opts.selectedOption } : {}),
    });
    expect(press.problems).toEqual([]);
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    expect(pushed.ok, JSON.stringify(pushed.response)).toBe(true);
    return app.fake.getView(String((pushed.response['view'] as Obj)['id']))!;
  }

  /** Submits a pushed form that saves: it closes, and the view under it is updated in place. */
  async function save(view: FakeView, values: StateValues, parentViewId: string): Promise<FakeView> {
    const before = app.fake.calls.length;
    const res = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    expect(res.body).toBe('');
    const update = await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['view_id'] === parentViewId);
    expect(update.ok, JSON.stringify(update.response)).toBe(true);
    return app.fake.getView(parentViewId)!;
  }

  async function refused(view: FakeView, values: StateValues, userId = WORKER): Promise<Record<string, string>> {
    const res = await app.slack.viewSubmission({ userId, viewId: view.id, values });
    expect(res.problems).toEqual([]);
    const body = res.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    return body.errors;
  }

  it('`/irt partners` → add an organization (a duplicate is refused on the field) → add a contact with their Slack user → edit → turn off', async () => {
    let directory = await openDirectory();
    expect(shown(directory)).toContain('No partner organizations in the directory yet');

    let form = await push(directory.id, 'partner_add');
    expect(form.callback_id).toBe('partner_edit');
    expect(await refused(form, { partner_name: v(plainText('Goodwill of Dane County')) })).toEqual({ partner_kind: 'Pick the kind of organization.' });
    expect(await refused(form, { partner_name: v(plainText('Goodwill of Dane County')), partner_kind: v(staticSelect('community_provider')), partner_email: v(plainText('intake at goodwill')) })).toEqual({
      partner_email: 'That does not look like an email address (name@example.org).',
    });
    expect(app.db.select().from(partners).all()).toEqual([]);
    directory = await save(
      form,
      { partner_name: v(plainText('Goodwill of Dane County')), partner_kind: v(staticSelect('community_provider')), partner_service_area: v(plainText('Job training')), partner_phone: v(plainText('555-0100')) },
      directory.id,
    );
    const [goodwill] = app.db.select().from(partners).all();
    expect(goodwill).toMatchObject({ name: 'Goodwill of Dane County', kind: 'community_provider', serviceArea: 'Job training', phone: '555-0100', createdBy: WORKER });
    expect(shown(directory)).toContain('*Goodwill of Dane County* — Community provider');
    expect(shown(directory)).toContain('is in the directory');

    // The same organization again, in other capitals and with an accent: refused on the name.
    form = await push(directory.id, 'partner_add');
    expect(await refused(form, { partner_name: v(plainText('GOODWILL of Dané County')), partner_kind: v(staticSelect('other')) })).toEqual({
      partner_name: 'Goodwill of Dane County is already in the directory.',
    });
    expect(app.db.select().from(partners).all()).toHaveLength(1);

    // A contact who is in Slack.
    const contactForm = await push(directory.id, 'partner_add_contact', { blockId: `partner_actions_${goodwill!.id}` });
    expect(contactForm.callback_id).toBe('partner_contact');
    directory = await save(
      contactForm,
      { contact_name: v(plainText('Pat Lee')), contact_title: v(plainText('Job coach')), contact_slack_user: v(usersSelect(PARTNER_PERSON)), contact_email: v(plainText('pat@goodwill.example')) },
      directory.id,
    );
    expect(app.db.select().from(partnerContacts).all()).toEqual([expect.objectContaining({ partnerId: goodwill!.id, name: 'Pat Lee', slackUserId: PARTNER_PERSON, active: true })]);
    expect(shown(directory)).toContain(`<@${PARTNER_PERSON}>`);

    // The same Slack user for another organization: refused on the Slack user field.
    const housing = seedPartner('Housing Authority');
    directory = await openDirectory();
    const second = await push(directory.id, 'partner_add_contact', { blockId: `partner_actions_${housing}` });
    expect(await refused(second, { contact_name: v(plainText('Pat Lee')), contact_slack_user: v(usersSelect(PARTNER_PERSON)) })).toEqual({
      contact_slack_user: expect.stringContaining('already contact of Goodwill of Dane County'),
    });

    // Edit the contact from the menu.
    const editContact = await push(directory.id, 'partner_edit_contact', { blockId: `partner_actions_${goodwill!.id}`, selectedOption: String(app.db.select().from(partnerContacts).get()!.id) });
    expect(editContact.callback_id).toBe('partner_contact');
    directory = await save(editContact, { contact_name: v(plainText('Pat Lee')), contact_title: v(plainText('Director')), contact_slack_user: v(usersSelect(PARTNER_PERSON)), contact_active: v(checkboxes(['yes'])) }, directory.id);
    expect(app.db.select().from(partnerContacts).get()?.title).toBe('Director');

    // Turn the organization off: it leaves the directory, and comes back with *Show turned-off partners*.
    const edit = await push(directory.id, 'partner_edit_start', { blockId: `partner_actions_${goodwill!.id}` });
    directory = await save(edit, { partner_name: v(plainText('Goodwill of Dane County')), partner_kind: v(staticSelect('community_provider')), partner_active: v(checkboxes([])) }, directory.id);
    expect(app.db.select().from(partners).where(eq(partners.id, goodwill!.id)).get()?.active).toBe(false);
    expect(shown(directory)).not.toContain('*Goodwill of Dane County* — Community provider');
    const before = app.fake.calls.length;
    const toggle = await app.slack.blockAction({ userId: WORKER, actionId: 'partner_show_inactive', view: { id: directory.id } });
    expect(toggle.problems).toEqual([]);
    await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before);
    expect(shown(app.fake.getView(directory.id))).toContain('*Goodwill of Dane County* — Community provider · _turned off_');

    // Every change is in the audit log under the partner, ids and field names only.
    const audit = app.db.select().from(auditLog).where(eq(auditLog.entity, 'partner')).orderBy(auditLog.id).all();
    expect(audit.map((a) => a.action)).toEqual(['partner-add', 'partner-contact-add', 'partner-add', 'partner-contact-update', 'partner-update']);
    expect(JSON.stringify(audit)).not.toMatch(/Goodwill|Pat Lee/);
  });

  it('pages a long directory within Block Kit limits', async () => {
    for (let i = 1; i <= 23; i++) seedPartner(`Partner ${String(i).padStart(2, '0')}`);
    const directory = await openDirectory();
    expect(directory.blocks.length).toBeLessThanOrEqual(100);
    expect(shown(directory)).toContain('23 partner organizations');
    expect(shown(directory)).toContain('Partner 10');
    expect(shown(directory)).not.toContain('Partner 11');
    const turn = async (actionId: string) => {
      const before = app.fake.calls.length;
      const press = await app.slack.blockAction({ userId: WORKER, actionId, view: { id: directory.id } });
      expect(press.problems).toEqual([]);
      const update = await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before);
      expect(update.ok, JSON.stringify(update.response)).toBe(true);
      return app.fake.getView(directory.id)!;
    };
    let page = await turn('partner_page');
    expect(shown(page)).toContain('showing 11–20');
    page = await turn('partner_page');
    expect(shown(page)).toContain('showing 21–23');
    expect(blocksOf(page).flatMap((b) => b.elements ?? []).map((e) => e.action_id)).not.toContain('partner_page');
    page = await turn('partner_page_prev');
    expect(shown(page)).toContain('showing 11–20');
  });

  // ------------------------------------------------------------------------------- releases

  /** `/participant maría` → the card → *Releases* → the releases modal. */
  async function openReleases(userId = WORKER): Promise<FakeView> {
    const res = await app.slack.command({ command: '/participant', text: 'maría', userId, channelId: CHANNEL });
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    const card = blocksOf({ blocks: app.fake.findMessage(CHANNEL, reply.messageTs!)?.blocks ?? [] });
    const buttons = card.find((b) => b.block_id === `card_actions_${maria}`)!.elements!;
    expect(buttons.map((b) => b.action_id)).toContain('releases_open');
    expect(buttons.length).toBeLessThanOrEqual(5);
    const press = await app.slack.blockAction({ userId, actionId: 'releases_open', channelId: CHANNEL, messageTs: reply.messageTs! });
    expect(press.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('releases_list');
    return view;
  }

  it('a release recorded from the card that expires within 30 days shows on /caseload until a renewal is recorded', async () => {
    const goodwill = seedPartner('Goodwill of Dane County');
    const caseloadText = async () => {
      const res = await app.slack.command({ command: '/caseload', userId: WORKER, channelId: CHANNEL });
      expect(res.status).toBe(200);
      const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
      return JSON.stringify(reply.body['blocks']);
    };
    let list = await openReleases();
    list = await save(
      await push(list.id, 'release_record_start'),
      { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker('2026-01-05')), release_expiry: v(datepicker('2026-12-10')), release_scopes: v(checkboxes(['contact_details'])) },
      list.id,
    );
    expect(await caseloadText()).toContain('Release for Goodwill of Dane County expires Dec 10, 2026');
    // The renewal, signed today for a year: the item is gone.
    await save(
      await push(list.id, 'release_record_start'),
      { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker(TODAY)), release_scopes: v(checkboxes(['contact_details'])) },
      list.id,
    );
    expect(await caseloadText()).not.toContain('Release for Goodwill');
  });

  it('from the card: record a release (medical only when ticked, expiry from the profile), then revoke it', async () => {
    const goodwill = seedPartner('Goodwill of Dane County');
    seedPartner('Housing Authority');
    let list = await openReleases();
    expect(shown(list)).toContain('No releases recorded yet');

    const form = await push(list.id, 'release_record_start');
    expect(form.callback_id).toBe('release_record');
    expect(shown(form)).toContain('365 days after it was signed');
    // The partner picker searches the directory.
    const suggest = await app.slack.blockSuggestion({ userId: WORKER, actionId: 'release_partner_pick', value: 'good', viewId: form.id });
    expect(suggest.problems).toEqual([]);
    expect(suggest.json<{ options: Array<{ value: string; text: { text: string } }> }>().options).toEqual([{ value: String(goodwill), text: expect.objectContaining({ text: 'Goodwill of Dane County' }) }]);

    // No scope ticked: refused on the scopes, nothing written.
    expect(await refused(form, { release_partner: p(externalSelect(String(goodwill), 'Goodwill of Dane County')), release_signed: v(datepicker('2026-11-20')) })).toEqual({
      release_scopes: 'Tick at least one thing the signed release allows to be shared.',
    });
    expect(await refused(form, { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker('2026-11-24')), release_scopes: v(checkboxes(['contact_details'])) })).toEqual({
      release_signed: 'The signed date is in the future: record the release once it is signed.',
    });
    expect(await refused(form, { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker('2026-11-20')), release_expiry: v(datepicker('2026-11-20')), release_scopes: v(checkboxes(['contact_details'])) })).toEqual({
      release_expiry: 'The release must expire after the day it was signed.',
    });
    expect(app.db.select().from(releases).all()).toEqual([]);

    list = await save(
      form,
      {
        release_partner: p(externalSelect(String(goodwill), 'Goodwill of Dane County')),
        release_signed: v(datepicker('2026-11-20')),
        release_scopes: v(checkboxes(['contact_details', 'employment_plan'])),
        release_document: v(plainText('Paper file, cabinet B')),
      },
      list.id,
    );
    const [release] = app.db.select().from(releases).all();
    expect(release).toMatchObject({
      participantId: maria,
      partnerId: goodwill,
      signedDate: '2026-11-20',
      expiryDate: '2027-11-20',
      shareContactDetails: true,
      shareEmploymentPlan: true,
      shareMedical: false,
      documentLocation: 'Paper file, cabinet B',
      recordedBy: WORKER,
    });
    expect(shown(list)).toContain('*Goodwill of Dane County* — valid through Nov 20, 2027');
    expect(shown(list)).toContain('shares contact details, employment plan');

    // Medical detail: only with its own box ticked.
    const medical = await push(list.id, 'release_record_start');
    list = await save(
      medical,
      { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker(TODAY)), release_expiry: v(datepicker('2027-05-23')), release_scopes: v(checkboxes(['case_notes'])), release_medical: v(checkboxes(['medical'])) },
      list.id,
    );
    expect(app.db.select().from(releases).all().map((r) => [r.shareCaseNotes, r.shareMedical, r.expiryDate])).toEqual([
      [false, false, '2027-11-20'],
      [true, true, '2027-05-23'],
    ]);

    // Revoke the first one.
    const revoke = await push(list.id, 'release_revoke_start', { blockId: `release_${release!.id}` });
    expect(revoke.callback_id).toBe('release_revoke');
    expect(await refused(revoke, { revoke_date: v(datepicker('2026-11-19')), revoke_reason: v(plainText('Withdrew consent')) })).toEqual({
      revoke_date: 'The revocation date is before the release was signed.',
    });
    list = await save(revoke, { revoke_date: v(datepicker(TODAY)), revoke_reason: v(plainText('The participant withdrew consent in writing')) }, list.id);
    expect(app.db.select().from(releases).where(eq(releases.id, release!.id)).get()).toMatchObject({ revokedDate: TODAY, revokedBy: WORKER });
    expect(shown(list)).toContain('revoked Nov 23, 2026');

    const audit = app.db.select().from(auditLog).where(eq(auditLog.entity, 'participant')).all().filter((a) => a.action.startsWith('release-'));
    expect(audit.map((a) => a.action)).toEqual(['release-add', 'release-add', 'release-revoke']);
    expect(JSON.stringify(audit)).not.toMatch(/Goodwill|consent|cabinet/);
  });

  it('the IRT flow’s *Record release* for a partner that lacks one opens the form with the partner chosen, and confirms in place', async () => {
    const goodwill = seedPartner('Goodwill of Dane County');
    const message = app.fake.addMessage({
      channel: CHANNEL,
      text: 'No valid release',
      blocks: [
        {
          type: 'section',
          block_id: `irt_release_${goodwill}`,
          text: { type: 'mrkdwn', text: '*Goodwill of Dane County*' },
          accessory: { type: 'button', action_id: 'release_record_start', text: { type: 'plain_text', text: 'Record release' }, value: JSON.stringify({ participantId: maria, partnerId: goodwill }) },
        },
      ],
    });
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'release_record_start', channelId: CHANNEL, messageTs: message.ts });
    expect(press.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === press.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    const form = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(blocksOf(form).find((b) => b.block_id === 'release_partner')!.element!.initial_option!.value).toBe(String(goodwill));

    const metadata = form.private_metadata; // as a second, simultaneous submission of the same form carries it
    const res = await app.slack.viewSubmission({
      userId: WORKER,
      viewId: form.id,
      values: { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker(TODAY)), release_scopes: v(checkboxes(['contact_details'])) },
    });
    expect(res.problems).toEqual([]);
    expect(res.json<{ response_action: string; view: { blocks: unknown[] } }>()).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(res.json<{ view: unknown }>().view)).toContain('valid through Nov 23, 2027');
    expect(app.db.select().from(releases).all()).toHaveLength(1);

    // A double submit does not record it twice.
    const again = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'release_record',
      privateMetadata: metadata,
      values: { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker(TODAY)), release_scopes: v(checkboxes(['contact_details'])) },
      checkValues: false,
    });
    expect(again.problems).toEqual([]);
    expect(JSON.stringify(again.json<{ view: unknown }>().view)).toContain('already recorded');
    expect(app.db.select().from(releases).all()).toHaveLength(1);
  });

  it('someone who may not see the participant gets the plain refusal, and cannot record a release by replaying a form', async () => {
    const goodwill = seedPartner('Goodwill of Dane County');
    const message = app.fake.addMessage({
      channel: CHANNEL,
      text: 'x',
      blocks: [{ type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'releases_open', text: { type: 'plain_text', text: 'Releases' }, value: String(maria) }] }],
    });
    const press = await app.slack.blockAction({ userId: OUTSIDER, actionId: 'releases_open', channelId: CHANNEL, messageTs: message.ts });
    const reply = await app.fake.waitForResponse((r) => r.url === press.responseUrl);
    expect(JSON.stringify(reply)).toContain(NOT_AVAILABLE);
    expect(app.fake.callsTo('views.open')).toEqual([]);

    const forged = await app.slack.viewSubmission({
      userId: OUTSIDER,
      callbackId: 'release_record',
      privateMetadata: JSON.stringify({ participantId: maria }),
      values: { release_partner: p(externalSelect(String(goodwill))), release_signed: v(datepicker(TODAY)), release_scopes: v(checkboxes(['contact_details'])) },
    });
    expect(forged.json<{ errors: Record<string, string> }>().errors).toEqual({ release_partner: NOT_AVAILABLE });
    expect(app.db.select().from(releases).all()).toEqual([]);
  });
});

// Recording a missing release without leaving the IRT planning modal, through signed requests
// to the real receiver and the fake Slack: the planning modal is refused for a partner without a
// release → *Record a release…* in the modal pushes the record-release form over it → saved, the
// pushed form closes and the planning modal underneath keeps what was typed → submitted again,
// the meeting is planned. Someone who may not write the participant's file gets the plain refusal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant } from '../../src/db/participants';
import { addContact, addPartner } from '../../src/db/partners';
import { recordRelease } from '../../src/db/releases';
import { irtAttendees, irtMeetings, irtSlots, releases } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { NOT_AVAILABLE_TEXT } from '../../src/slack/participant/views';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';
import type { FakeView } from '../harness/fake-slack';
import { newParticipant } from '../harness/fixtures';
import {
  checkboxes,
  conversationsSelect,
  datepicker,
  externalSelect,
  multiExternalSelect,
  multiUsersSelect,
  plainText,
  radioButtons,
  staticSelect,
  type StateValues,
} from '../harness/slack-request';

const NOW = '2026-11-23T15:00:00.000Z'; // Monday Nov 23, 2026, 9:00 in Chicago
const TODAY = '2026-11-23';
const WORKER = 'U0WORKER01'; // Dana Rivera, Amina's case manager
const COLLEAGUE = 'U0WORKER02'; // staff, invited
const OUTSIDER = 'U0WORKER03'; // staff, not on Amina's case
const PARTNER = 'U0PARTNER1'; // Goodwill contact; Goodwill has a release
const HOUSING = 'U0HOUSING1'; // City Housing contact; no release yet
const CHANNEL = 'C0IRTPLAN1';

type Obj = Record<string, unknown>;
const v = (state: Obj) => ({ value: state });

describe('recording a missing release from inside the IRT planning modal', () => {
  let app: TestApp;
  let amina: number;
  let goodwill: number;
  let housing: number;
  let goodwillContact: number;
  let housingContact: number;

  const actor = (id: string) => actorFor(getStaff(app.db, id)!, new Set());

  beforeEach(async () => {
    app = await startTestApp({ now: NOW });
    const now = app.clock.now();
    app.addUser(WORKER, 'Dana Rivera', { tz: 'America/Chicago' });
    app.addUser(COLLEAGUE, 'Lee Park', { tz: 'America/New_York' });
    app.addUser(OUTSIDER, 'Sam Okafor', { tz: 'America/Chicago' });
    app.addUser(PARTNER, 'Jo Banks', { tz: 'America/Los_Angeles' });
    app.addUser(HOUSING, 'Ray Moss', { tz: 'America/Denver' });
    addStaff(app.db, WORKER, { tz: 'America/Chicago', name: 'Dana Rivera' }, now);
    addStaff(app.db, COLLEAGUE, { tz: 'America/New_York', name: 'Lee Park' }, now);
    addStaff(app.db, OUTSIDER, { tz: 'America/Chicago', name: 'Sam Okafor' }, now);
    amina = enrollParticipant(app.db, actor(WORKER), newParticipant(WORKER, { fullName: 'Amina Kone', preferredContactMethod: 'text' }), now);
    const gw = addPartner(app.db, actor(WORKER), { name: 'Goodwill Job Center', kind: 'community_provider' }, now);
    const hs = addPartner(app.db, actor(WORKER), { name: 'City Housing Authority', kind: 'public_assistance' }, now);
    if (gw.kind !== 'ok' || hs.kind !== 'ok') throw new Error('partners');
    goodwill = gw.partnerId;
    housing = hs.partnerId;
    const c1 = addContact(app.db, actor(WORKER), goodwill, { name: 'Jo Banks', slackUserId: PARTNER }, now);
    const c2 = addContact(app.db, actor(WORKER), housing, { name: 'Ray Moss', slackUserId: HOUSING }, now);
    if (c1.kind !== 'ok' || c2.kind !== 'ok') throw new Error('contacts');
    goodwillContact = c1.contactId;
    housingContact = c2.contactId;
    const r = recordRelease(app.db, actor(WORKER), { participantId: amina, partnerId: goodwill, signedDate: '2026-11-02', expiryDate: '2027-11-02', scopes: ['contact_details'], documentLocation: null }, { now, today: TODAY });
    if (r.kind !== 'ok') throw new Error('release');
    app.fake.addChannel({ id: CHANNEL, is_private: true, members: [WORKER, COLLEAGUE, PARTNER, HOUSING, app.fake.botUserId] });
  });
  afterEach(async () => {
    await app.close();
  });

  async function openModal(): Promise<FakeView> {
    const res = await app.slack.command({ command: '/irt', text: 'amina', userId: WORKER, channelId: CHANNEL });
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === res.triggerId);
    expect(open.ok, JSON.stringify(open.response)).toBe(true);
    const view = app.fake.getView(String((open.response['view'] as Obj)['id']))!;
    expect(view.callback_id).toBe('irt_plan');
    return view;
  }

  const form = (): StateValues => ({
    irt_reason: v(radioButtons('needs')),
    irt_reason_detail: v(plainText(null)),
    irt_urgent: v(checkboxes([])),
    irt_called_by: v(staticSelect('participant')),
    irt_partners: { irt_partner_search: multiExternalSelect([String(goodwillContact), String(housingContact)]) },
    irt_staff: v(multiUsersSelect([COLLEAGUE])),
    irt_support_1_name: v(plainText('Fatou Kone')),
    irt_support_1_relationship: v(plainText('sister')),
    irt_support_1_contact: v(plainText('555-0100')),
    irt_location_kind: v(radioButtons('in_person')),
    irt_location_detail: v(plainText('Main St. One-Stop, room 2')),
    irt_channel: v(conversationsSelect(CHANNEL)),
    irt_materials: v(checkboxes(['assessment'])),
    irt_communication: v(plainText('Text message, in French')),
  });

  const written = () => [app.db.select().from(irtMeetings).all().length, app.db.select().from(irtAttendees).all().length, app.db.select().from(irtSlots).all().length];
  const housingReleases = () => app.db.select().from(releases).all().filter((r) => r.participantId === amina && r.partnerId === housing);
  const blockIds = (view: FakeView) => (view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id);

  it('refused for a partner without a release → *Record a release…* pushes the form → saved, back to the planning modal as typed → planned', async () => {
    const view = await openModal();
    // The button sits right under the partners field.
    const ids = blockIds(view);
    expect(ids[ids.indexOf('irt_partners') + 1]).toBe('irt_partners_release');

    const refused = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: form() });
    expect(refused.problems).toEqual([]);
    const body = refused.json<{ response_action: string; errors: Record<string, string> }>();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['irt_partners']);
    expect(body.errors['irt_partners']).toContain('City Housing Authority');
    expect(body.errors['irt_partners']).not.toContain('Goodwill');
    expect(body.errors['irt_partners']!.endsWith('— record it with *Record a release…* below, then submit again.')).toBe(true);
    expect(written()).toEqual([0, 0, 0]);
    expect(housingReleases()).toHaveLength(0);

    // *Record a release…* in the modal: the form is pushed over the planning modal.
    const press = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_record_release', view: { id: view.id }, blockId: 'irt_partners_release' });
    expect(press.problems).toEqual([]);
    const pushed = await app.fake.waitForCall('views.push', (c) => c.args['trigger_id'] === press.triggerId);
    expect(pushed.ok, JSON.stringify(pushed.response)).toBe(true);
    expect(app.fake.calls.filter((c) => c.method === 'views.open' && c.args['trigger_id'] === press.triggerId)).toHaveLength(0);
    const stack = app.fake.viewStack(view.id);
    expect(stack.map((s) => s.callback_id)).toEqual(['irt_plan', 'release_record']);
    const recordForm = stack[1]!;
    expect(JSON.parse(recordForm.private_metadata)).toMatchObject({ participantId: amina });

    // Saved with the partner and a scope: the release exists, the pushed form is gone.
    const saved = await app.slack.viewSubmission({
      userId: WORKER,
      viewId: recordForm.id,
      values: {
        release_partner: { release_partner_pick: externalSelect(String(housing), 'City Housing Authority') },
        release_signed: v(datepicker(TODAY)),
        release_scopes: v(checkboxes(['contact_details'])),
      },
    });
    expect(saved.problems).toEqual([]);
    expect(saved.body).toBe('');
    expect(housingReleases()).toEqual([expect.objectContaining({ signedDate: TODAY, shareContactDetails: true, shareMedical: false, revokedDate: null })]);
    expect(app.fake.viewStack(view.id).map((s) => s.id)).toEqual([view.id]);

    // The planning modal underneath is unchanged and keeps what was typed.
    const planning = app.fake.getView(view.id)!;
    expect(planning.callback_id).toBe('irt_plan');
    const kept = planning.state.values as StateValues;
    expect(JSON.stringify(kept['irt_partners'])).toContain(String(housingContact));
    expect(JSON.stringify(kept['irt_communication'])).toContain('Text message, in French');
    expect(written()).toEqual([0, 0, 0]);

    // Submitted again as it stands: the meeting is planned, City Housing invited.
    const ok = await app.slack.viewSubmission({ userId: WORKER, viewId: view.id, values: kept });
    expect(ok.problems).toEqual([]);
    expect(ok.body).toBe('');
    const meetings = app.db.select().from(irtMeetings).all();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ participantId: amina, organizerId: WORKER, status: 'planning', preferredCommunication: 'Text message, in French' });
    const contacts = app.db.select().from(irtAttendees).all().filter((a) => a.kind === 'partner_contact').map((a) => a.partnerContactId);
    expect(contacts.sort()).toEqual([goodwillContact, housingContact].sort());
    await app.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === CHANNEL && !!c.args['thread_ts']);
  });

  it('someone who may not write the participant’s file gets the plain refusal and no pushed form', async () => {
    const view = await openModal();
    // The same modal's button, pressed as a staff member not on Amina's case.
    const press = await app.slack.blockAction({ userId: OUTSIDER, actionId: 'irt_record_release', view: { ...view }, blockId: 'irt_partners_release' });
    expect(press.problems).toEqual([]);
    const refusal = await app.fake.waitForCall('chat.postMessage', (c) => JSON.stringify(c.args).includes(NOT_AVAILABLE_TEXT));
    expect(refusal.ok, JSON.stringify(refusal.response)).toBe(true);
    expect(refusal.args['channel']).toBe(app.fake.dmChannelFor(OUTSIDER));
    expect(JSON.stringify(refusal.args)).not.toContain('Amina');
    expect(app.fake.calls.filter((c) => c.method === 'views.push' || (c.method === 'views.open' && c.args['trigger_id'] === press.triggerId))).toHaveLength(0);
    expect(app.fake.viewStack(view.id).map((s) => s.callback_id)).toEqual(['irt_plan']);

    // A forged value finds nothing either.
    const forged = await app.slack.blockAction({ userId: WORKER, actionId: 'irt_record_release', view: { id: view.id }, blockId: 'irt_partners_release', value: 'abc' });
    expect(forged.problems).toEqual([]);
    await app.fake.waitForCall('chat.postMessage', (c) => JSON.stringify(c.args).includes(NOT_AVAILABLE_TEXT) && c.args['channel'] === app.fake.dmChannelFor(WORKER));
    expect(app.fake.calls.filter((c) => c.method === 'views.push')).toHaveLength(0);
  });
});

// Setup for IRT e2e tests that goes through Slack as a case manager would: enrolling with
// `/participant new`, the partner directory (`/irt partners`), releases from the participant
// card, and a handle on the reminder job (run by hand with the app's injected clock, its
// pacing on a pretend clock so the test never waits).
import { expect } from 'vitest';
import { pino } from 'pino';
import { runIrtReminders, REMINDER_QUEUE, type IrtReminderDeps, type IrtReminderReport } from '../../src/jobs/irt-reminders';
import { createSlackClient, PacedQueue } from '../../src/jobs/paced-queue';
import type { TestApp } from './app';
import type { FakeView } from './fake-slack';
import { checkboxes, datepicker, externalSelect, plainText, staticSelect, usersSelect, type StateValues } from './slack-request';

type Obj = Record<string, unknown>;
const v = (state: Obj) => ({ value: state });

/** The view a views.open / views.push answered for this trigger id. */
export async function viewOpenedBy(app: TestApp, triggerId: string, method: 'views.open' | 'views.push' = 'views.open'): Promise<FakeView> {
  const call = await app.fake.waitForCall(method, (c) => c.args['trigger_id'] === triggerId);
  expect(call.ok, JSON.stringify(call.response)).toBe(true);
  return app.fake.getView(String((call.response['view'] as Obj)['id']))!;
}

/** `/participant new` → the enrollment modal → submitted; the card comes back privately. */
export async function enrollThroughSlack(
  app: TestApp,
  caseManager: string,
  p: { fullName: string; enrolled: string; language?: string; contactMethod?: string },
): Promise<void> {
  const res = await app.slack.command({ command: '/participant', text: 'new', userId: caseManager });
  expect(res.problems).toEqual([]);
  const view = await viewOpenedBy(app, res.triggerId);
  expect(view.callback_id).toBe('participant_enroll');
  const values: StateValues = {
    full_name: v(plainText(p.fullName)),
    preferred_language: v(plainText(p.language ?? 'English')),
    'program_wioa-adult': { date: datepicker(p.enrolled) },
    contact_method: v(staticSelect(p.contactMethod ?? 'phone')),
    case_manager: v(usersSelect(caseManager)),
  };
  const submit = await app.slack.viewSubmission({ userId: caseManager, viewId: view.id, values });
  expect(submit.problems).toEqual([]);
  expect(submit.body).toBe('');
  const card = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
  expect(JSON.stringify(card.body['blocks'])).toContain(p.fullName);
}

/**
 * `/irt partners` → *Add organization* → saved → *Add contact* on it → saved. The directory
 * modal is refreshed in place after each form. Returns the organization's id as the directory
 * shows it (its row's block_id) and the directory's final state.
 */
export async function addPartnerThroughDirectory(
  app: TestApp,
  userId: string,
  org: { name: string; kind: string; serviceArea?: string },
  contact: { name: string; title?: string; slackUserId?: string; email?: string },
): Promise<{ partnerId: number; directory: FakeView }> {
  const res = await app.slack.command({ command: '/irt', text: 'partners', userId });
  expect(res.problems).toEqual([]);
  const directory = await viewOpenedBy(app, res.triggerId);
  expect(directory.callback_id).toBe('partner_directory');

  const push = async (actionId: string, blockId?: string): Promise<FakeView> => {
    const press = await app.slack.blockAction({ userId, actionId, view: { id: directory.id }, ...(blockId ? { blockId } : {}) });
    expect(press.problems).toEqual([]);
    return viewOpenedBy(app, press.triggerId, 'views.push');
  };
  const save = async (form: FakeView, values: StateValues) => {
    const before = app.fake.calls.length;
    const sent = await app.slack.viewSubmission({ userId, viewId: form.id, values });
    expect(sent.problems).toEqual([]);
    expect(sent.body).toBe('');
    const update = await app.fake.waitForCall('views.update', (c) => app.fake.calls.indexOf(c) >= before && c.args['view_id'] === directory.id);
    expect(update.ok, JSON.stringify(update.response)).toBe(true);
  };

  await save(await push('partner_add'), {
    partner_name: v(plainText(org.name)),
    partner_kind: v(staticSelect(org.kind)),
    ...(org.serviceArea ? { partner_service_area: v(plainText(org.serviceArea)) } : {}),
  });
  // The new organization's row in the directory carries its *Add contact* button.
  const row = (app.fake.getView(directory.id)!.blocks as Array<{ block_id?: string; text?: { text?: string } }>).find((b) => b.text?.text?.startsWith(`*${org.name}*`));
  expect(row?.block_id, `${org.name} is listed`).toMatch(/^partner_\d+$/);
  const partnerId = row!.block_id!.slice('partner_'.length);
  await save(await push('partner_add_contact', `partner_actions_${partnerId}`), {
    contact_name: v(plainText(contact.name)),
    ...(contact.title ? { contact_title: v(plainText(contact.title)) } : {}),
    ...(contact.slackUserId ? { contact_slack_user: v(usersSelect(contact.slackUserId)) } : {}),
    ...(contact.email ? { contact_email: v(plainText(contact.email)) } : {}),
  });
  return { partnerId: Number(partnerId), directory: app.fake.getView(directory.id)! };
}

/** `/participant <query>` → the card's *Releases* → *Record release* → saved. */
export async function recordReleaseFromCard(
  app: TestApp,
  userId: string,
  query: string,
  release: { partnerId: number; signed: string; scopes: string[] },
): Promise<void> {
  const channelId = 'C0GENERAL1';
  const res = await app.slack.command({ command: '/participant', text: query, userId, channelId });
  expect(res.problems).toEqual([]);
  const card = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
  const open = await app.slack.blockAction({ userId, actionId: 'releases_open', channelId, messageTs: card.messageTs!, isEphemeral: true });
  expect(open.problems).toEqual([]);
  const list = await viewOpenedBy(app, open.triggerId);
  const press = await app.slack.blockAction({ userId, actionId: 'release_record_start', view: { id: list.id } });
  const form = await viewOpenedBy(app, press.triggerId, 'views.push');
  const saved = await app.slack.viewSubmission({
    userId,
    viewId: form.id,
    values: {
      release_partner: { release_partner_pick: externalSelect(String(release.partnerId)) },
      release_signed: v(datepicker(release.signed)),
      release_scopes: v(checkboxes(release.scopes)),
    },
  });
  expect(saved.problems).toEqual([]);
  expect(saved.body).toBe('');
}

/** The IRT reminder job as the scheduler runs it, on the app's clock; Retry-After and pacing on a pretend clock. */
export function reminderJob(app: TestApp): { run(): Promise<IrtReminderReport>; deps: IrtReminderDeps } {
  let monotonic = 0;
  const deps: IrtReminderDeps = {
    get db() {
      return app.db;
    },
    client: createSlackClient(app.fake.botToken, { slackApiUrl: app.fake.apiUrl }),
    clock: app.clock,
    config: app.config,
    logger: pino({ level: 'silent' }),
    owner: 'test-process',
    queue: new PacedQueue({
      ...REMINDER_QUEUE,
      monotonicNow: () => monotonic,
      sleep: async (ms) => {
        monotonic += ms;
      },
    }),
  };
  return { deps, run: () => runIrtReminders(deps) };
}

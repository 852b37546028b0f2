// Request bodies shaped as Slack sends them (see test/harness/slack-request.ts): slash
// commands as form fields, interactivity as form-encoded `payload=<json>`, events as JSON.
// Response URLs and trigger ids come from the FakeSlack, so the app's follow-up calls are
// checked (and timed) there. The load client signs each body just before sending it.
import { randomBytes } from 'node:crypto';
import type { FakeSlack } from '../test/harness/fake-slack';

export interface BenchRequest {
  body: string;
  contentType: string;
  /** The response_url the app should answer on (a path on the fake), when there is one. */
  responsePath?: string;
}

const VERIFICATION_TOKEN = 'fake-verification-token';
export const BENCH_CHANNEL = 'C0BENCH01';

type Obj = Record<string, unknown>;

function pathOf(url: string): string {
  return new URL(url).pathname;
}

function user(fake: FakeSlack, userId: string): Obj {
  return { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: fake.teamId };
}

export function commandRequest(fake: FakeSlack, opts: { command: string; text: string; userId: string }): BenchRequest {
  const responseUrl = fake.issueResponseUrl({ channelId: BENCH_CHANNEL, userId: opts.userId });
  const fields: Record<string, string> = {
    token: VERIFICATION_TOKEN,
    team_id: fake.teamId,
    team_domain: fake.teamDomain,
    channel_id: BENCH_CHANNEL,
    channel_name: 'case-notes',
    user_id: opts.userId,
    user_name: opts.userId.toLowerCase(),
    command: opts.command,
    text: opts.text,
    api_app_id: fake.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: fake.issueTriggerId({ userId: opts.userId }),
  };
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded', responsePath: pathOf(responseUrl) };
}

function payloadRequest(payload: Obj, responsePath?: string): BenchRequest {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    ...(responsePath ? { responsePath } : {}),
  };
}

/** Slack's state entry for an input element the user did not touch (initial value or empty). */
function untouched(element: Obj): Obj {
  const type = String(element['type']);
  switch (type) {
    case 'plain_text_input':
      return { type, value: element['initial_value'] ?? null };
    case 'datepicker':
      return { type, selected_date: element['initial_date'] ?? null };
    case 'timepicker':
      return { type, selected_time: element['initial_time'] ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: element['initial_option'] ?? null };
    case 'checkboxes':
      return { type, selected_options: element['initial_options'] ?? [] };
    default:
      return { type };
  }
}

/** `view.state.values` as Slack sends it: an entry for every input block, `values` where given. */
export function stateFor(view: Obj, values: Record<string, Obj>): Record<string, Record<string, Obj>> {
  const state: Record<string, Record<string, Obj>> = {};
  for (const b of (view['blocks'] as Obj[]) ?? []) {
    if (b['type'] !== 'input') continue;
    const blockId = String(b['block_id']);
    const el = b['element'] as Obj;
    const actionId = String(el['action_id']);
    state[blockId] = { [actionId]: values[blockId] ?? untouched(el) };
  }
  return state;
}

let viewCounter = 0;
/** A modal as Slack echoes it in payloads: the app's view plus the fields Slack adds. */
export function slackView(fake: FakeSlack, view: Obj, state: Record<string, Record<string, Obj>>, privateMetadata?: string): Obj {
  viewCounter++;
  return {
    ...view,
    id: `VB${viewCounter.toString(36).toUpperCase().padStart(9, '0')}`,
    team_id: fake.teamId,
    type: 'modal',
    private_metadata: privateMetadata ?? view['private_metadata'] ?? '',
    external_id: '',
    state: { values: state },
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: null,
    previous_view_id: null,
    app_id: fake.appId,
    app_installed_team_id: fake.teamId,
    bot_id: fake.botId,
  };
}

export function viewSubmissionRequest(fake: FakeSlack, opts: { userId: string; view: Obj; responsePath?: string }): BenchRequest {
  return payloadRequest(
    {
      type: 'view_submission',
      team: { id: fake.teamId, domain: fake.teamDomain },
      user: user(fake, opts.userId),
      api_app_id: fake.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: fake.issueTriggerId({ userId: opts.userId }),
      view: opts.view,
      response_urls: [],
      enterprise: null,
      is_enterprise_install: false,
    },
    opts.responsePath,
  );
}

export function blockSuggestionRequest(fake: FakeSlack, opts: { userId: string; actionId: string; blockId: string; value: string; view: Obj }): BenchRequest {
  return payloadRequest({
    type: 'block_suggestion',
    user: user(fake, opts.userId),
    container: { type: 'view', view_id: opts.view['id'] },
    api_app_id: fake.appId,
    token: VERIFICATION_TOKEN,
    action_id: opts.actionId,
    block_id: opts.blockId,
    value: opts.value,
    team: { id: fake.teamId, domain: fake.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: opts.view,
  });
}

let eventCounter = 0;
export function appHomeOpenedRequest(fake: FakeSlack, opts: { userId: string }): BenchRequest {
  eventCounter++;
  const nowSec = Math.floor(Date.now() / 1000);
  const envelope = {
    token: VERIFICATION_TOKEN,
    team_id: fake.teamId,
    context_team_id: fake.teamId,
    context_enterprise_id: null,
    api_app_id: fake.appId,
    event: { type: 'app_home_opened', user: opts.userId, channel: `D0${opts.userId.slice(1)}`, tab: 'home', event_ts: `${nowSec}.${String(eventCounter).padStart(6, '0')}` },
    type: 'event_callback',
    event_id: `EvB${eventCounter.toString(36).toUpperCase().padStart(9, '0')}`,
    event_time: nowSec,
    authorizations: [{ enterprise_id: null, team_id: fake.teamId, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
  };
  return { body: JSON.stringify(envelope), contentType: 'application/json' };
}

/**
 * Sends requests to the app's real Bolt HTTP receiver shaped and signed exactly as Slack sends
 * them: `X-Slack-Request-Timestamp` (unix seconds) and `X-Slack-Signature` =
 * `v0=` + hex HMAC-SHA256(signingSecret, `v0:${ts}:${rawBody}`).
 *
 * Interactivity payloads are form-encoded `payload=<json>`; slash commands are form fields;
 * events are JSON. Trigger ids and response URLs come from the FakeSlack so that the app's
 * follow-up Web API calls are checked against them (3 s / once; 5 uses / 30 min).
 *
 * Every result carries `problems`: what Slack itself would complain about in the app's answer
 * (ack slower than 3 s, non-200, an invalid message in a command ack, an invalid view or bad
 * `errors` keys in a view_submission answer, too many/too long options). Expect it to be [].
 */
import http from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import type { FakeSlack, FakeView } from './fake-slack';
import { validateMessage } from './blockkit';

type Obj = Record<string, unknown>;
export type StateValues = Record<string, Record<string, unknown>>;

export interface SlackHttpResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  elapsedMs: number;
  /** Parsed JSON body; `undefined` for an empty body (a plain ack). */
  json<T = unknown>(): T;
  /** What Slack would reject or show as an error in this answer; [] when fine. */
  problems: string[];
  /** The object sent: form fields (command), the payload (interactivity) or the envelope (events). */
  sent: Obj;
}

export interface CommandResult extends SlackHttpResponse {
  responseUrl: string;
  triggerId: string;
}

export interface InteractionResult extends SlackHttpResponse {
  triggerId: string;
  /** Present for interactions from messages (block_actions on a message, message shortcuts). */
  responseUrl?: string;
  /** The view sent in the payload, when any. */
  view?: FakeView | Obj;
}

export interface SlackRequestClientOptions {
  /** The Bolt receiver endpoint, e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  signingSecret: string;
  fake: FakeSlack;
  teamId?: string;
  /** Added to the request timestamp (e.g. -360 for stale requests). */
  timestampOffsetSeconds?: number;
}

export type OptionInput = string | { value: string; text?: string };

export interface BlockActionOptions {
  userId: string;
  actionId: string;
  blockId?: string;
  /** Element type; default: taken from the element in the view/message, else inferred from the other options, else `button`. */
  actionType?: string;
  /** Button value (default: the button's value in the view/message). */
  value?: string;
  selectedOption?: OptionInput;
  selectedOptions?: OptionInput[];
  selectedUser?: string;
  selectedUsers?: string[];
  selectedDate?: string;
  selectedConversation?: string;
  /** Extra/override fields merged into the action object. */
  action?: Obj;
  /** The view the action happened in: a stored FakeView (or `{ id }` of one), or a partial view to send as is. */
  view?: Partial<FakeView> & { id?: string };
  /** `view.state.values` at the time of the action (default: the view's stored state + input defaults). */
  stateValues?: StateValues;
  container?: Obj;
  /** For actions on messages. */
  channelId?: string;
  messageTs?: string;
  isEphemeral?: boolean;
  /** Default: a fresh `fake.issueResponseUrl()` for message actions. */
  responseUrl?: string;
}

export interface ViewSubmissionOptions {
  userId: string;
  /** Used to find the open view when viewId is not given; required if the view is not in the fake. */
  callbackId?: string;
  values: StateValues;
  privateMetadata?: string;
  viewId?: string;
  hash?: string;
  /** Add Slack's state entries for input blocks not given in `values` (initial value or empty). Default true. */
  fillDefaults?: boolean;
  /** Throw if `values` names a block/action that is not in the stored view. Default true. */
  checkValues?: boolean;
}

// ---------------------------------------------------------------------- state factories

export function option(value: string, text: string = value): Obj {
  return { text: { type: 'plain_text', text, emoji: true }, value };
}

function toOption(o: OptionInput): Obj {
  return typeof o === 'string' ? option(o) : option(o.value, o.text ?? o.value);
}

export const plainText = (value: string | null) => ({ type: 'plain_text_input', value });
export const numberInput = (value: number | string | null) => ({
  type: 'number_input',
  value: value === null ? null : String(value),
});
export const emailInput = (value: string | null) => ({ type: 'email_text_input', value });
export const urlInput = (value: string | null) => ({ type: 'url_text_input', value });
export const datepicker = (date: string | null) => ({ type: 'datepicker', selected_date: date });
export const timepicker = (time: string | null) => ({ type: 'timepicker', selected_time: time });
export const datetimepicker = (unixSeconds: number | null) => ({
  type: 'datetimepicker',
  selected_date_time: unixSeconds,
});
export const staticSelect = (value: string | null, text?: string) => ({
  type: 'static_select',
  selected_option: value === null ? null : option(value, text ?? value),
});
export const externalSelect = (value: string | null, text?: string) => ({
  type: 'external_select',
  selected_option: value === null ? null : option(value, text ?? value),
});
export const radioButtons = (value: string | null, text?: string) => ({
  type: 'radio_buttons',
  selected_option: value === null ? null : option(value, text ?? value),
});
export const multiStaticSelect = (values: OptionInput[]) => ({
  type: 'multi_static_select',
  selected_options: values.map(toOption),
});
export const multiExternalSelect = (values: OptionInput[]) => ({
  type: 'multi_external_select',
  selected_options: values.map(toOption),
});
export const checkboxes = (values: OptionInput[]) => ({ type: 'checkboxes', selected_options: values.map(toOption) });
export const usersSelect = (userId: string | null) => ({ type: 'users_select', selected_user: userId });
export const multiUsersSelect = (userIds: string[]) => ({ type: 'multi_users_select', selected_users: userIds });
export const conversationsSelect = (id: string | null) => ({
  type: 'conversations_select',
  selected_conversation: id,
});
export const channelsSelect = (id: string | null) => ({ type: 'channels_select', selected_channel: id });

/** The state entry Slack sends for an input element the user did not touch. */
export function defaultStateFor(element: Obj): Obj {
  const type = String(element['type']);
  const init = (k: string, empty: unknown = null) => (element[k] !== undefined ? element[k] : empty);
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: init('initial_value') };
    case 'rich_text_input':
      return { type, rich_text_value: init('initial_value') };
    case 'datepicker':
      return { type, selected_date: init('initial_date') };
    case 'timepicker':
      return { type, selected_time: init('initial_time') };
    case 'datetimepicker':
      return { type, selected_date_time: init('initial_date_time') };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: init('initial_option') };
    case 'users_select':
      return { type, selected_user: init('initial_user') };
    case 'conversations_select':
      return { type, selected_conversation: init('initial_conversation') };
    case 'channels_select':
      return { type, selected_channel: init('initial_channel') };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: init('initial_options', []) };
    case 'multi_users_select':
      return { type, selected_users: init('initial_users', []) };
    case 'multi_conversations_select':
      return { type, selected_conversations: init('initial_conversations', []) };
    case 'multi_channels_select':
      return { type, selected_channels: init('initial_channels', []) };
    default:
      return { type };
  }
}

// ------------------------------------------------------------------------------ helpers

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{ 'X-Slack-Request-Timestamp', 'X-Slack-Signature' }` for a raw body. */
export function signSlackRequest(signingSecret: string, rawBody: string, timestamp: number): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${signature}` };
}

interface FoundElement {
  blockId?: string;
  blockType: string;
  element: Obj;
}

/** Interactive elements of a block list with their block ids. */
function elementsOf(blocks: unknown): FoundElement[] {
  const out: FoundElement[] = [];
  if (!Array.isArray(blocks)) return out;
  for (const b of blocks) {
    if (!isObj(b)) continue;
    const blockId = typeof b['block_id'] === 'string' ? b['block_id'] : undefined;
    const blockType = String(b['type']);
    const push = (e: unknown) => {
      if (isObj(e) && typeof e['type'] === 'string') out.push({ blockId, blockType, element: e });
    };
    push(b['element']);
    push(b['accessory']);
    if (blockType === 'actions' && Array.isArray(b['elements'])) b['elements'].forEach(push);
  }
  return out;
}

function findElement(blocks: unknown, actionId: string, blockId?: string): FoundElement | undefined {
  return elementsOf(blocks).find((f) => f.element['action_id'] === actionId && (!blockId || f.blockId === blockId));
}

function optionsOf(element: Obj): Obj[] {
  const direct = Array.isArray(element['options']) ? (element['options'] as Obj[]) : [];
  const grouped = Array.isArray(element['option_groups'])
    ? (element['option_groups'] as Obj[]).flatMap((g) => (Array.isArray(g['options']) ? (g['options'] as Obj[]) : []))
    : [];
  return [...direct, ...grouped];
}

/** An option as Slack echoes it: the one defined in the element when it has that value. */
function resolveOption(o: OptionInput, element?: Obj): Obj {
  const value = typeof o === 'string' ? o : o.value;
  const defined = element ? optionsOf(element).find((x) => x['value'] === value) : undefined;
  if (defined && (typeof o === 'string' || o.text === undefined)) return defined;
  return toOption(o);
}

function actionTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String(now % 1000).padStart(3, '0')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}

const ACK_LIMIT_MS = 3000;

// ------------------------------------------------------------------------------- client

export class SlackRequestClient {
  readonly url: string;
  readonly signingSecret: string;
  readonly fake: FakeSlack;
  readonly teamId: string;
  timestampOffsetSeconds: number;
  /** The legacy verification token Slack still puts in payloads. */
  readonly verificationToken = 'fake-verification-token';

  constructor(opts: SlackRequestClientOptions) {
    this.url = opts.url;
    this.signingSecret = opts.signingSecret;
    this.fake = opts.fake;
    this.teamId = opts.teamId ?? opts.fake.teamId;
    this.timestampOffsetSeconds = opts.timestampOffsetSeconds ?? 0;
  }

  // ------------------------------------------------------------------- slash commands

  async command(opts: { command: string; text?: string; userId: string; channelId?: string; channelName?: string }): Promise<CommandResult> {
    const channelId = opts.channelId ?? 'C0GENERAL1';
    this.fake.ensureChannel(channelId, opts.channelName ? { name: opts.channelName } : {});
    const responseUrl = this.fake.issueResponseUrl({ channelId, userId: opts.userId });
    const triggerId = this.fake.issueTriggerId({ userId: opts.userId });
    const fields: Record<string, string> = {
      token: this.verificationToken,
      team_id: this.teamId,
      team_domain: this.fake.teamDomain,
      channel_id: channelId,
      channel_name: this.channelName(channelId),
      user_id: opts.userId,
      user_name: this.userName(opts.userId),
      command: opts.command.startsWith('/') ? opts.command : `/${opts.command}`,
      text: opts.text ?? '',
      api_app_id: this.fake.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const res = await this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', fields);
    if (res.status === 200 && res.body !== '') {
      const parsed = tryJson(res.body);
      if (isObj(parsed)) {
        const errors = validateMessage({ text: parsed['text'], blocks: parsed['blocks'], attachments: parsed['attachments'] });
        res.problems.push(...errors.map((e) => `command ack message: ${e}`));
      }
    }
    return { ...res, responseUrl, triggerId };
  }

  // ------------------------------------------------------------------- interactivity

  async blockAction(opts: BlockActionOptions): Promise<InteractionResult> {
    const view = this.resolveView(opts.view);
    const fromMessage = !view && opts.channelId !== undefined;
    let message: Obj | undefined;
    let blocks: unknown = view?.['blocks'];
    let responseUrl: string | undefined;
    let container: Obj;
    const payload: Obj = {
      type: 'block_actions',
      user: this.user(opts.userId),
      api_app_id: this.fake.appId,
      token: this.verificationToken,
      team: { id: this.teamId, domain: this.fake.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };

    if (view) {
      container = { type: 'view', view_id: view['id'] };
    } else if (fromMessage && opts.channelId) {
      const channelId = opts.channelId;
      this.fake.ensureChannel(channelId);
      const ts = opts.messageTs ?? this.fake.messagesIn(channelId).filter((m) => !m.deleted).at(-1)?.ts;
      if (!ts) throw new Error(`blockAction: no message in ${channelId}; pass messageTs`);
      let stored = this.fake.findMessage(channelId, ts);
      if (!stored && !opts.isEphemeral) stored = this.fake.addMessage({ channel: channelId, ts, text: 'message' });
      const ephemeral = opts.isEphemeral ?? stored?.ephemeral ?? false;
      blocks = stored?.blocks;
      container = { type: 'message', message_ts: ts, channel_id: stored?.channel ?? channelId, is_ephemeral: ephemeral };
      responseUrl =
        opts.responseUrl ?? this.fake.issueResponseUrl({ channelId: stored?.channel ?? channelId, userId: opts.userId, messageTs: ts });
      payload['channel'] = { id: stored?.channel ?? channelId, name: this.channelName(stored?.channel ?? channelId) };
      if (!ephemeral && stored) {
        message = {
          type: 'message',
          ...(stored.user ? { user: stored.user } : {}),
          ...(stored.bot_id ? { bot_id: stored.bot_id, app_id: this.fake.appId } : {}),
          text: stored.text ?? '',
          ...(stored.blocks ? { blocks: stored.blocks } : {}),
          ts: stored.ts,
          team: this.teamId,
          ...(stored.thread_ts ? { thread_ts: stored.thread_ts } : {}),
        };
      }
    } else {
      throw new Error('blockAction needs a view or a channelId (+ messageTs)');
    }

    const found = findElement(blocks, opts.actionId, opts.blockId);
    const action = this.buildAction(opts, found);
    const triggerId = this.fake.issueTriggerId({ userId: opts.userId, ...(view ? { viewId: String(view['id']) } : {}) });
    payload['container'] = opts.container ?? container;
    payload['trigger_id'] = triggerId;
    if (view) {
      const values = opts.stateValues ?? this.stateWithDefaults(view, (view['state'] as { values?: StateValues } | undefined)?.values ?? {}, true);
      const sentView = { ...view, state: { values } };
      if (typeof view['id'] === 'string') this.fake.setViewState(view['id'], values);
      payload['view'] = sentView;
    } else {
      if (message) payload['message'] = message;
      payload['state'] = { values: opts.stateValues ?? {} };
      payload['response_url'] = responseUrl;
    }
    payload['actions'] = [action];

    const res = await this.postPayload(payload);
    return { ...res, triggerId, ...(responseUrl ? { responseUrl } : {}), ...(view ? { view: payload['view'] as Obj } : {}) };
  }

  async viewSubmission(opts: ViewSubmissionOptions): Promise<InteractionResult> {
    const stored = opts.viewId
      ? this.fake.getView(opts.viewId)
      : opts.callbackId
        ? this.fake.findView(opts.callbackId, opts.userId)
        : this.fake.topView(opts.userId);
    if (!stored && !opts.callbackId) {
      throw new Error(`viewSubmission: no view ${opts.viewId ?? ''} in the fake; pass callbackId to synthesize one`);
    }
    if (stored && opts.checkValues !== false) this.checkValues(stored, opts.values);
    const values = stored ? this.stateWithDefaults(stored, opts.values, opts.fillDefaults !== false) : opts.values;
    const view: Obj = stored
      ? { ...stored }
      : {
          id: `V${randomBytes(5).toString('hex').toUpperCase()}`,
          team_id: this.teamId,
          type: 'modal',
          blocks: [],
          callback_id: opts.callbackId,
          private_metadata: '',
          external_id: '',
          hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
          clear_on_close: false,
          notify_on_close: false,
          root_view_id: null,
          previous_view_id: null,
          app_id: this.fake.appId,
          app_installed_team_id: this.teamId,
          bot_id: this.fake.botId,
        };
    view['state'] = { values };
    if (opts.privateMetadata !== undefined) view['private_metadata'] = opts.privateMetadata;
    if (opts.hash !== undefined) view['hash'] = opts.hash;
    if (stored) this.fake.setViewState(stored.id, values);

    const triggerId = this.fake.issueTriggerId({ userId: opts.userId, ...(stored ? { viewId: stored.id } : {}) });
    const payload: Obj = {
      type: 'view_submission',
      team: { id: this.teamId, domain: this.fake.teamDomain },
      user: this.user(opts.userId),
      api_app_id: this.fake.appId,
      token: this.verificationToken,
      trigger_id: triggerId,
      view,
      response_urls: [],
      enterprise: null,
      is_enterprise_install: false,
    };
    const res = await this.postPayload(payload);
    if (res.status === 200) {
      const body = res.body === '' ? undefined : tryJson(res.body);
      res.problems.push(...this.fake.applyViewSubmissionResponse(stored?.id, body ?? (res.body === '' ? undefined : res.body)));
    }
    return { ...res, triggerId, view };
  }

  async viewClosed(opts: { userId: string; viewId?: string; callbackId?: string; isCleared?: boolean }): Promise<SlackHttpResponse> {
    const stored = opts.viewId
      ? this.fake.getView(opts.viewId)
      : opts.callbackId
        ? this.fake.findView(opts.callbackId, opts.userId)
        : this.fake.topView(opts.userId);
    if (!stored && !opts.callbackId) throw new Error('viewClosed: no such view; pass viewId or callbackId');
    const view: Obj = stored ? { ...stored } : { id: 'V0CLOSED00', type: 'modal', callback_id: opts.callbackId, private_metadata: '', state: { values: {} }, blocks: [] };
    if (stored) this.fake.closeView(stored.id, opts.isCleared ?? false);
    return this.postPayload({
      type: 'view_closed',
      team: { id: this.teamId, domain: this.fake.teamDomain },
      user: this.user(opts.userId),
      api_app_id: this.fake.appId,
      token: this.verificationToken,
      view,
      is_cleared: opts.isCleared ?? false,
      enterprise: null,
      is_enterprise_install: false,
    });
  }

  /** An options request for an external_select (type `block_suggestion`). */
  async blockSuggestion(opts: {
    userId: string;
    actionId: string;
    blockId?: string;
    value: string;
    viewCallbackId?: string;
    viewId?: string;
  }): Promise<SlackHttpResponse> {
    const stored = opts.viewId
      ? this.fake.getView(opts.viewId)
      : opts.viewCallbackId
        ? this.fake.findView(opts.viewCallbackId, opts.userId)
        : this.fake.topView(opts.userId);
    const blockId = opts.blockId ?? (stored ? findElement(stored.blocks, opts.actionId)?.blockId : undefined);
    if (!blockId) throw new Error(`blockSuggestion: pass blockId (action ${opts.actionId} not found in a stored view)`);
    const view: Obj | undefined = stored
      ? { ...stored, state: { values: this.stateWithDefaults(stored, stored.state.values, true) } }
      : opts.viewCallbackId
        ? { id: 'V0SUGGEST0', type: 'modal', callback_id: opts.viewCallbackId, private_metadata: '', blocks: [], state: { values: {} } }
        : undefined;
    const payload: Obj = {
      type: 'block_suggestion',
      user: this.user(opts.userId),
      container: view ? { type: 'view', view_id: view['id'] } : { type: 'message' },
      api_app_id: this.fake.appId,
      token: this.verificationToken,
      action_id: opts.actionId,
      block_id: blockId,
      value: opts.value,
      team: { id: this.teamId, domain: this.fake.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      ...(view ? { view } : {}),
    };
    const res = await this.postPayload(payload);
    if (res.status === 200) res.problems.push(...checkOptionsResponse(res.body));
    return res;
  }

  async messageShortcut(opts: {
    userId: string;
    callbackId: string;
    message: { ts: string; text: string; user: string; blocks?: unknown[]; thread_ts?: string };
    channelId: string;
  }): Promise<InteractionResult> {
    this.fake.ensureChannel(opts.channelId);
    if (!this.fake.findMessage(opts.channelId, opts.message.ts)) {
      this.fake.addMessage({
        channel: opts.channelId,
        ts: opts.message.ts,
        text: opts.message.text,
        user: opts.message.user,
        bot_id: undefined,
        ...(opts.message.blocks ? { blocks: opts.message.blocks } : {}),
        ...(opts.message.thread_ts ? { thread_ts: opts.message.thread_ts } : {}),
      });
    }
    const triggerId = this.fake.issueTriggerId({ userId: opts.userId });
    const responseUrl = this.fake.issueResponseUrl({ channelId: opts.channelId, userId: opts.userId });
    const payload: Obj = {
      type: 'message_action',
      token: this.verificationToken,
      action_ts: actionTs(),
      team: { id: this.teamId, domain: this.fake.teamDomain },
      user: this.user(opts.userId),
      channel: { id: opts.channelId, name: this.channelName(opts.channelId) },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: opts.callbackId,
      trigger_id: triggerId,
      response_url: responseUrl,
      message_ts: opts.message.ts,
      message: { type: 'message', ...opts.message, team: this.teamId },
    };
    const res = await this.postPayload(payload);
    return { ...res, triggerId, responseUrl };
  }

  async globalShortcut(opts: { userId: string; callbackId: string }): Promise<InteractionResult> {
    const triggerId = this.fake.issueTriggerId({ userId: opts.userId });
    const res = await this.postPayload({
      type: 'shortcut',
      token: this.verificationToken,
      action_ts: actionTs(),
      team: { id: this.teamId, domain: this.fake.teamDomain },
      user: this.user(opts.userId),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: opts.callbackId,
      trigger_id: triggerId,
    });
    return { ...res, triggerId };
  }

  // -------------------------------------------------------------------------- events

  /** Sends an Events API `event_callback` (JSON). `retryNum` adds X-Slack-Retry-Num/Reason. */
  async event(
    event: Record<string, unknown>,
    opts: { retryNum?: number; retryReason?: string; eventId?: string; eventTime?: number } = {},
  ): Promise<SlackHttpResponse> {
    if (typeof event['channel'] === 'string') this.fake.ensureChannel(event['channel']);
    const nowSec = Math.floor(Date.now() / 1000);
    const envelope: Obj = {
      token: this.verificationToken,
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: this.fake.appId,
      event: { event_ts: `${nowSec}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, ...event },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: opts.eventTime ?? nowSec,
      authorizations: [
        { enterprise_id: null, team_id: this.teamId, user_id: this.fake.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(12).toString('base64url')}`,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(opts.retryNum);
      headers['X-Slack-Retry-Reason'] = opts.retryReason ?? 'http_timeout';
    }
    const res = await this.post(JSON.stringify(envelope), 'application/json', envelope, headers);
    return res;
  }

  async urlVerification(challenge: string): Promise<SlackHttpResponse> {
    const body: Obj = { token: this.verificationToken, challenge, type: 'url_verification' };
    return this.post(JSON.stringify(body), 'application/json', body);
  }

  /**
   * Sends any body. `sign` (default true) adds Slack's signature headers; `timestamp`
   * overrides the signed timestamp (e.g. `Math.floor(Date.now()/1000) - 360` for stale);
   * `contentType` default `application/x-www-form-urlencoded` unless in `headers`.
   */
  async raw(
    body: string,
    headers: Record<string, string> = {},
    opts: { sign?: boolean; timestamp?: number; contentType?: string } = {},
  ): Promise<SlackHttpResponse> {
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    return this.send(body, {
      ...(hasType ? {} : { 'Content-Type': opts.contentType ?? 'application/x-www-form-urlencoded' }),
      ...(opts.sign === false ? {} : signSlackRequest(this.signingSecret, body, opts.timestamp ?? this.timestamp())),
      ...headers,
    }, {});
  }

  /** Current signed timestamp (unix seconds, with the offset). */
  timestamp(): number {
    return Math.floor(Date.now() / 1000) + this.timestampOffsetSeconds;
  }

  // ------------------------------------------------------------------------ internals

  private async postPayload(payload: Obj): Promise<SlackHttpResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', payload);
  }

  private async post(body: string, contentType: string, sent: Obj, extra: Record<string, string> = {}): Promise<SlackHttpResponse> {
    const res = await this.send(body, { 'Content-Type': contentType, ...signSlackRequest(this.signingSecret, body, this.timestamp()), ...extra }, sent);
    if (res.status !== 200) res.problems.push(`HTTP ${res.status}: Slack treats a non-200 answer as a failure`);
    if (res.elapsedMs > ACK_LIMIT_MS) res.problems.push(`answered after ${Math.round(res.elapsedMs)} ms (> ${ACK_LIMIT_MS} ms): Slack would time out`);
    return res;
  }

  private send(body: string, headers: Record<string, string>, sent: Obj): Promise<SlackHttpResponse> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: false,
          headers: { 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              body: text,
              headers: res.headers,
              elapsedMs: performance.now() - started,
              json<T = unknown>(): T {
                return (text === '' ? undefined : JSON.parse(text)) as T;
              },
              problems: [],
              sent,
            });
          });
        },
      );
      req.setTimeout(15_000, () => req.destroy(new Error('SlackRequestClient: no answer within 15 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  private user(userId: string): Obj {
    const name = this.userName(userId);
    return { id: userId, username: name, name, team_id: this.fake.getUser(userId)?.team_id ?? this.teamId };
  }

  private userName(userId: string): string {
    return this.fake.getUser(userId)?.name ?? userId.toLowerCase();
  }

  private channelName(channelId: string): string {
    const ch = this.fake.getChannel(channelId);
    if (ch?.is_im || channelId.startsWith('D')) return 'directmessage';
    if (ch?.is_private) return 'privategroup';
    return ch?.name ?? channelId.toLowerCase();
  }

  private resolveView(v: BlockActionOptions['view']): Obj | undefined {
    if (!v) return undefined;
    const stored = v.id ? this.fake.getView(v.id) : undefined;
    return stored ? { ...stored, ...v } : { ...v };
  }

  private buildAction(opts: BlockActionOptions, found: FoundElement | undefined): Obj {
    const el = found?.element;
    const type =
      opts.actionType ??
      (el ? String(el['type']) : undefined) ??
      (opts.selectedUser !== undefined
        ? 'users_select'
        : opts.selectedUsers !== undefined
          ? 'multi_users_select'
          : opts.selectedDate !== undefined
            ? 'datepicker'
            : opts.selectedOptions !== undefined
              ? 'checkboxes'
              : opts.selectedConversation !== undefined
                ? 'conversations_select'
                : opts.selectedOption !== undefined
                  ? 'static_select'
                  : 'button');
    const action: Obj = {
      type,
      action_id: opts.actionId,
      block_id: opts.blockId ?? found?.blockId ?? randomBytes(3).toString('base64url'),
      action_ts: actionTs(),
    };
    switch (type) {
      case 'button':
        action['text'] = el?.['text'] ?? { type: 'plain_text', text: opts.actionId, emoji: true };
        if (opts.value !== undefined || el?.['value'] !== undefined) action['value'] = opts.value ?? el?.['value'];
        if (el?.['style'] !== undefined) action['style'] = el['style'];
        break;
      case 'static_select':
      case 'external_select':
      case 'overflow':
      case 'radio_buttons':
        action['selected_option'] = opts.selectedOption !== undefined ? resolveOption(opts.selectedOption, el) : null;
        if (el?.['placeholder'] !== undefined) action['placeholder'] = el['placeholder'];
        break;
      case 'multi_static_select':
      case 'multi_external_select':
      case 'checkboxes':
        action['selected_options'] = (opts.selectedOptions ?? []).map((o) => resolveOption(o, el));
        break;
      case 'users_select':
        action['selected_user'] = opts.selectedUser ?? null;
        break;
      case 'multi_users_select':
        action['selected_users'] = opts.selectedUsers ?? [];
        break;
      case 'datepicker':
        action['selected_date'] = opts.selectedDate ?? null;
        break;
      case 'conversations_select':
        action['selected_conversation'] = opts.selectedConversation ?? null;
        break;
      default:
        if (opts.value !== undefined) action['value'] = opts.value;
    }
    return { ...action, ...(opts.action ?? {}) };
  }

  /** Slack's state for a view: given values plus an entry for every untouched input block. */
  private stateWithDefaults(view: Obj, values: StateValues, fill: boolean): StateValues {
    const out: StateValues = {};
    for (const [k, v] of Object.entries(values)) out[k] = { ...v };
    if (!fill) return out;
    for (const b of Array.isArray(view['blocks']) ? (view['blocks'] as unknown[]) : []) {
      if (!isObj(b) || b['type'] !== 'input' || typeof b['block_id'] !== 'string') continue;
      const el = b['element'];
      if (!isObj(el) || typeof el['action_id'] !== 'string') continue;
      const entry = (out[b['block_id']] ??= {});
      if (!(el['action_id'] in entry)) entry[el['action_id']] = defaultStateFor(el);
    }
    return out;
  }

  /** Throws when `values` names a block/action the view does not have, or the wrong element type. */
  private checkValues(view: FakeView, values: StateValues): void {
    const elements = elementsOf(view.blocks);
    for (const [blockId, actions] of Object.entries(values)) {
      for (const [actionId, state] of Object.entries(actions)) {
        const found = elements.find((f) => f.blockId === blockId && f.element['action_id'] === actionId);
        if (!found) {
          const known = elements.map((f) => `${f.blockId}/${String(f.element['action_id'])}`).join(', ');
          throw new Error(`viewSubmission: view ${view.id} (${view.callback_id}) has no element ${blockId}/${actionId}; it has: ${known}`);
        }
        const stateType = isObj(state) ? state['type'] : undefined;
        if (stateType !== undefined && stateType !== found.element['type']) {
          throw new Error(`viewSubmission: ${blockId}/${actionId} is a ${String(found.element['type'])}, values give a ${String(stateType)}`);
        }
      }
    }
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Checks an options-load answer: ≤100 options/groups, option text ≤75, value ≤150, group label ≤75. */
function checkOptionsResponse(body: string): string[] {
  const problems: string[] = [];
  const parsed = tryJson(body);
  if (!isObj(parsed)) return [`options response must be a JSON object, got ${JSON.stringify(body.slice(0, 100))}`];
  const checkOption = (o: unknown, path: string) => {
    if (!isObj(o)) return problems.push(`${path}: not an object`);
    const text = o['text'];
    if (!isObj(text) || text['type'] !== 'plain_text' || typeof text['text'] !== 'string') {
      problems.push(`${path}.text: must be a plain_text object`);
    } else if ([...text['text']].length > 75) problems.push(`${path}.text.text: ${[...text['text']].length} chars > 75`);
    const value = o['value'];
    if (typeof value !== 'string') problems.push(`${path}.value: must be a string`);
    else if ([...value].length > 150) problems.push(`${path}.value: ${[...value].length} chars > 150`);
    return undefined;
  };
  const options = parsed['options'];
  const groups = parsed['option_groups'];
  if (options === undefined && groups === undefined) problems.push('options response needs "options" or "option_groups"');
  if (options !== undefined) {
    if (!Array.isArray(options)) problems.push('options: must be an array');
    else {
      if (options.length > 100) problems.push(`options: ${options.length} > 100`);
      options.forEach((o, i) => checkOption(o, `options[${i}]`));
    }
  }
  if (groups !== undefined) {
    if (!Array.isArray(groups)) problems.push('option_groups: must be an array');
    else {
      if (groups.length > 100) problems.push(`option_groups: ${groups.length} > 100`);
      groups.forEach((g, i) => {
        if (!isObj(g)) return problems.push(`option_groups[${i}]: not an object`);
        const label = g['label'];
        if (!isObj(label) || typeof label['text'] !== 'string') problems.push(`option_groups[${i}].label: must be a plain_text object`);
        else if ([...label['text']].length > 75) problems.push(`option_groups[${i}].label.text: > 75 chars`);
        const opts = g['options'];
        if (!Array.isArray(opts)) problems.push(`option_groups[${i}].options: must be an array`);
        else {
          if (opts.length > 100) problems.push(`option_groups[${i}].options: ${opts.length} > 100`);
          opts.forEach((o, j) => checkOption(o, `option_groups[${i}].options[${j}]`));
        }
        return undefined;
      });
    }
  }
  return problems;
}

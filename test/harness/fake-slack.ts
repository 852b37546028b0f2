/**
 * In-process fake of the Slack Web API (and of response_url endpoints) for e2e tests.
 *
 * Point the app's WebClient at `fake.apiUrl` (`slackApiUrl`). Every call is recorded in
 * `calls` and answered the way Slack answers: HTTP 200 with `{ ok: true, ... }` or
 * `{ ok: false, error }`. It rejects what Slack rejects:
 *
 * - token: missing → `not_authed`, wrong → `invalid_auth` (body `token` or `Authorization: Bearer`);
 * - scopes: a method whose scope is not in `scopes` → `missing_scope` with `needed`/`provided`
 *   (also `X-OAuth-Scopes` / `X-Accepted-OAuth-Scopes` headers like Slack);
 * - views.*: the view must pass `validateView` → else `invalid_arguments` with
 *   `response_metadata.messages`; > 250 kB → `view_too_large`; trigger ids must be issued by
 *   `issueTriggerId()`, used within 3 s by `now()`, once; `views.push` beyond 3 pushed views
 *   → `push_limit_reached`; `views.update` with a stale `hash` → `hash_conflict`;
 * - chat.*: no text/blocks → `no_text`; the message must pass `validateMessage` → else
 *   `invalid_blocks` (or `msg_too_long` / `msg_blocks_too_long` / `invalid_blocks_format`) with
 *   `response_metadata.messages`; unknown channel → `channel_not_found`; a public channel the
 *   bot is not in → `not_in_channel` unless `chat:write.public`; a private one → `channel_not_found`;
 *   ephemeral to a user not in the channel's member list → `user_not_in_channel`; `chat.update`
 *   of an unknown or ephemeral message → `message_not_found` (ephemeral messages can only be
 *   changed through their response_url), of a message the bot did not post → `cant_update_message`;
 * - conversations.members / conversations.info: a private channel the bot is not in →
 *   `channel_not_found`; a public one answers whether or not the bot is in it (`is_private`).
 *
 * Channels: a channel is known once added with `addChannel`/`ensureChannel` (SlackRequestClient
 * does this for every channel it sends a request from), opened with `conversations.open`, or
 * given as a user id of a known user (posting to `U…` posts into the DM with that user).
 *
 * Response URLs (`issueResponseUrl()`): POST JSON; success → 200 `{"ok":true}`. Rejections:
 * unknown id → 404 `invalid_url`; more than 30 minutes after issue → 404 `expired_url`;
 * a 6th accepted use → 404 `used_url`; body not JSON → 400 `invalid_payload`; neither text nor
 * blocks (and no `delete_original`) → 400 `no_text`; invalid blocks → 400 `invalid_blocks`
 * with `response_metadata.messages`. Rejected posts do not count as uses.
 *
 * `reset()` clears the recorded calls/responses and queued failures; users, channels,
 * messages, views, triggers and response URLs are kept.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { validateMessage, validateView } from './blockkit';

// ----------------------------------------------------------------------------------- types

type Obj = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  /** Request arguments (token removed; JSON-string fields such as view/blocks parsed back to objects). */
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** `now()` when the call arrived. */
  at: number;
  httpStatus: number;
  /** The JSON body the fake answered with. */
  response: Record<string, unknown>;
  /** The token used (from the Authorization header or the body). */
  token?: string;
}

export interface RecordedResponse {
  /** The response-url id (last path segment). */
  id: string;
  url: string;
  body: Record<string, unknown>;
  ok: boolean;
  error?: string;
  status: number;
  at: number;
  /** ts of the message this response created or replaced, when any. */
  messageTs?: string;
}

export interface FakeUserInput {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  tz_offset?: number;
  team_id?: string;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  is_stranger?: boolean;
  /** users.info answers `user_not_visible` (Slack Connect users the app may not see). */
  not_visible?: boolean;
  profile?: Record<string, unknown> & { email?: string; display_name?: string; real_name?: string };
}

export interface FakeChannelInput {
  id: string;
  name?: string;
  is_private?: boolean;
  /** Member user ids; undefined = anyone counts as a member. */
  members?: string[];
  /** Whether the bot is in the channel (default true). */
  botMember?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  members?: string[];
  botMember: boolean;
  /** For IMs: the other user. */
  user?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  /** Author user id (the bot's user id for messages the app posted). */
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  ephemeral: boolean;
  /** For ephemeral messages: who sees it. */
  visibleTo?: string;
  deleted: boolean;
  edited: boolean;
}

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home' | string;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  [key: string]: unknown;
}

export interface FailureSpec {
  /** Slack error code for the `{ ok: false, error }` body (default `ratelimited` for 429, else `fatal_error`). */
  error?: string;
  /** HTTP status (default 429 when retryAfterSeconds is set, else 200). */
  status?: number;
  /** Sets `Retry-After` (seconds); implies status 429 unless status is given. */
  retryAfterSeconds?: number;
  /** Fail only a call whose arguments match (e.g. a post into a thread); other calls pass it by. */
  match?: (args: Record<string, unknown>) => boolean;
}

export interface FakeSlackOptions {
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Bot scopes (from manifest.yml). */
  scopes: string[];
  botToken?: string;
  /** Clock used for trigger/response-url expiry and `at` stamps (default Date.now). */
  now?: () => number;
}

interface TriggerRecord {
  issuedAt: number;
  usedAt?: number;
  userId?: string;
  viewId?: string;
}

interface ResponseUrlRecord {
  issuedAt: number;
  uses: number;
  channelId?: string;
  userId?: string;
  messageTs?: string;
}

interface ViewMeta {
  userId?: string;
  rootId: string;
  closed: boolean;
}

type Reply = Obj & { ok: boolean; error?: string };
type Handler = (args: Obj) => Reply;

// --------------------------------------------------------------------------------- helpers

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randomId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let s = prefix;
  for (const b of bytes) s += ALNUM[b % ALNUM.length];
  return s;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

const JSON_FIELDS = ['view', 'blocks', 'attachments', 'metadata', 'files'];

function parseJsonFields(args: Obj): Obj {
  const out: Obj = { ...args };
  for (const key of JSON_FIELDS) {
    const v = out[key];
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        out[key] = JSON.parse(v);
      } catch {
        // keep the string; validation will report it
      }
    }
  }
  return out;
}

const ok = (data: Obj = {}): Reply => ({ ok: true, ...data });
const err = (error: string, extra: Obj = {}): Reply => ({ ok: false, error, ...extra });
const withMessages = (error: string, messages: string[]): Reply =>
  err(error, { response_metadata: { messages: messages.map((m) => (m.startsWith('[') ? m : `[ERROR] ${m}`)) } });
const invalidArguments = (...messages: string[]): Reply => withMessages('invalid_arguments', messages);

function hasContent(args: Obj): boolean {
  const text = args['text'];
  const blocks = args['blocks'];
  const attachments = args['attachments'];
  const nonEmpty = (v: unknown) =>
    (typeof v === 'string' && v.trim() !== '' && v.trim() !== '[]') || (Array.isArray(v) && v.length > 0);
  return (typeof text === 'string' && text !== '') || nonEmpty(blocks) || nonEmpty(attachments);
}

/** Maps validateMessage errors to the Slack error code chat.* would answer. */
function messageErrorCode(errors: string[]): string {
  if (errors.some((e) => e.includes('(msg_too_long)'))) return 'msg_too_long';
  if (errors.some((e) => e.includes('(msg_blocks_too_long)'))) return 'msg_blocks_too_long';
  if (errors.some((e) => e.includes('(invalid_blocks_format)'))) return 'invalid_blocks_format';
  return 'invalid_blocks';
}

function tzInfo(tz: string, atMs: number): { offsetSeconds: number; label: string } {
  try {
    const offsetPart = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(new Date(atMs))
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetPart ?? '');
    const offsetSeconds = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    const label =
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
        .formatToParts(new Date(atMs))
        .find((p) => p.type === 'timeZoneName')?.value ?? tz;
    return { offsetSeconds, label };
  } catch {
    return { offsetSeconds: 0, label: tz };
  }
}

const VIEW_MAX_BYTES = 250_000;
const TRIGGER_TTL_MS = 3_000;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_MAX_USES = 5;
const MAX_PUSHED_VIEWS = 3;

const CONVERSATION_READ_SCOPES = ['channels:read', 'groups:read', 'im:read', 'mpim:read'];

/** Required bot scope per method; an array means any one of them. Methods absent need none. */
export const METHOD_SCOPES: Record<string, string | string[] | undefined> = {
  'auth.test': undefined,
  'users.info': 'users:read',
  'views.open': undefined,
  'views.push': undefined,
  'views.update': undefined,
  'views.publish': undefined,
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'chat.getPermalink': undefined,
  'conversations.open': 'im:write',
  'conversations.members': CONVERSATION_READ_SCOPES,
  'conversations.info': CONVERSATION_READ_SCOPES,
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

/** A file going through Slack's external upload flow (files.getUploadURLExternal → POST → completeUploadExternal). */
export interface FakeUpload {
  id: string;
  filename: string;
  /** The length announced in getUploadURLExternal. */
  length: number;
  /** The bytes POSTed to the upload URL (undefined until then). */
  bytes?: Buffer;
  title?: string;
  /** Channels it was shared to by completeUploadExternal. */
  channels: string[];
  /** The thread it was shared into (completeUploadExternal's `thread_ts`), if any. */
  threadTs?: string;
  completed: boolean;
}

// ------------------------------------------------------------------------------- FakeSlack

export class FakeSlack {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly botToken: string;
  readonly scopes: string[];
  readonly now: () => number;

  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];

  private server?: http.Server;
  private port = 0;
  private readonly users = new Map<string, FakeUserInput>();
  private readonly channels = new Map<string, FakeChannel>();
  private readonly dmByUser = new Map<string, string>();
  private readonly messages: FakeMessage[] = [];
  private readonly views = new Map<string, FakeView>();
  private readonly viewMeta = new Map<string, ViewMeta>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homeByUser = new Map<string, string>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly responseUrls = new Map<string, ResponseUrlRecord>();
  private readonly failures = new Map<string, FailureSpec[]>();
  private readonly uploads = new Map<string, FakeUpload>();
  private readonly waiters = new Set<() => void>();
  private tsCounter = 0;
  private idCounter = 0;
  private readonly handlers: Record<string, Handler>;

  constructor(opts: FakeSlackOptions) {
    this.teamId = opts.teamId ?? 'T0FAKETEAM';
    this.teamDomain = opts.teamDomain ?? 'tickler-test';
    this.botUserId = opts.botUserId ?? 'U0FAKEBOT1';
    this.botId = opts.botId ?? 'B0FAKEBOT1';
    this.appId = opts.appId ?? 'A0FAKEAPP1';
    this.botToken = opts.botToken ?? 'xoxb-fake-bot-token';
    this.scopes = [...opts.scopes];
    this.now = opts.now ?? Date.now;
    this.handlers = {
      'auth.test': () => this.authTest(),
      'users.info': (a) => this.usersInfo(a),
      'views.open': (a) => this.viewsOpen(a),
      'views.push': (a) => this.viewsPush(a),
      'views.update': (a) => this.viewsUpdate(a),
      'views.publish': (a) => this.viewsPublish(a),
      'chat.postMessage': (a) => this.chatPostMessage(a),
      'chat.postEphemeral': (a) => this.chatPostEphemeral(a),
      'chat.update': (a) => this.chatUpdate(a),
      'chat.getPermalink': (a) => this.chatGetPermalink(a),
      'conversations.open': (a) => this.conversationsOpen(a),
      'conversations.members': (a) => this.conversationsMembers(a),
      'conversations.info': (a) => this.conversationsInfo(a),
      'files.getUploadURLExternal': (a) => this.filesGetUploadURLExternal(a),
      'files.completeUploadExternal': (a) => this.filesCompleteUploadExternal(a),
    };
  }

  // ------------------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ ok: false, error: 'fake_slack_internal_error', detail: String(e) }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('FakeSlack is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Web API base URL for `slackApiUrl` (ends with `/api/`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  // --------------------------------------------------------------------------- records

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    const list = this.callsTo(method);
    return list[list.length - 1];
  }

  /**
   * Resolves with the first recorded call (already recorded or arriving later) to `method`
   * matching `predicate`; rejects after `timeoutMs` (real time) listing the calls seen.
   */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs = 3000): Promise<RecordedCall> {
    return this.waitFor(
      () => this.calls.find((c) => c.method === method && (!predicate || predicate(c))),
      timeoutMs,
      () =>
        `FakeSlack.waitForCall('${method}') timed out after ${timeoutMs} ms; calls so far: ` +
        JSON.stringify(this.calls.map((c) => ({ method: c.method, ok: c.ok, error: c.error }))),
    );
  }

  /** Resolves once `count` calls to `method` (matching `predicate`) have been recorded. */
  waitForCalls(
    method: string,
    count: number,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs = 3000,
  ): Promise<RecordedCall[]> {
    return this.waitFor(
      () => {
        const list = this.calls.filter((c) => c.method === method && (!predicate || predicate(c)));
        return list.length >= count ? list : undefined;
      },
      timeoutMs,
      () => `FakeSlack.waitForCalls('${method}', ${count}) timed out after ${timeoutMs} ms; got ${this.callsTo(method).length}`,
    );
  }

  responsesTo(url: string): RecordedResponse[] {
    return this.responses.filter((r) => r.url === url);
  }

  /** Resolves with the first recorded response_url post (already recorded or later) matching `predicate`. */
  waitForResponse(predicate?: (r: RecordedResponse) => boolean, timeoutMs = 3000): Promise<RecordedResponse> {
    return this.waitFor(
      () => this.responses.find((r) => !predicate || predicate(r)),
      timeoutMs,
      () =>
        `FakeSlack.waitForResponse timed out after ${timeoutMs} ms; responses so far: ` +
        JSON.stringify(this.responses.map((r) => ({ url: r.url, ok: r.ok, error: r.error }))),
    );
  }

  /** Clears recorded calls, responses and queued failures (state such as users, views, messages is kept). */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
  }

  /**
   * Makes the next `times` calls to `method` fail. Use method `'response_url'` for posts to
   * response URLs. `{ retryAfterSeconds: 2 }` → HTTP 429 with `Retry-After: 2` and
   * `{ ok: false, error: 'ratelimited' }`; `{ error: 'fatal_error' }` → HTTP 200 `{ ok: false, error }`;
   * `match` limits the failure to calls whose (parsed) arguments it accepts.
   */
  failNext(method: string, failure: FailureSpec, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push({ ...failure });
    this.failures.set(method, queue);
  }

  // --------------------------------------------------------------------------- fixtures

  addUser(user: FakeUserInput): void {
    this.users.set(user.id, { ...user });
  }

  getUser(id: string): FakeUserInput | undefined {
    return this.users.get(id);
  }

  /** Registers (or replaces) a channel. */
  addChannel(channel: FakeChannelInput): FakeChannel {
    const ch: FakeChannel = {
      id: channel.id,
      name: channel.name ?? channel.id.toLowerCase(),
      is_private: channel.is_private ?? channel.id.startsWith('G'),
      is_im: channel.id.startsWith('D'),
      is_mpim: false,
      members: channel.members ? [...channel.members] : undefined,
      botMember: channel.botMember ?? true,
    };
    this.channels.set(ch.id, ch);
    return ch;
  }

  /** Registers the channel unless it is already known (DM ids and user ids are left alone). */
  ensureChannel(id: string, defaults: Omit<FakeChannelInput, 'id'> = {}): void {
    if (this.channels.has(id) || /^[UW]/.test(id)) return;
    this.addChannel({ id, ...defaults });
  }

  getChannel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  /**
   * Someone joins a channel, as Slack records it: they are added to its members. The app hears
   * of it through the `member_joined_channel` event (`memberJoinedEvent`), sent by the test.
   */
  joinChannel(channelId: string, userId: string): void {
    const ch = this.channels.get(channelId);
    if (!ch) throw new Error(`FakeSlack.joinChannel: unknown channel ${channelId}`);
    if (!ch.members) ch.members = [];
    if (!ch.members.includes(userId)) ch.members.push(userId);
  }

  /** The `member_joined_channel` event Slack sends after `joinChannel` (pass it to SlackRequestClient.event). */
  memberJoinedEvent(channelId: string, userId: string, inviter?: string): Record<string, unknown> {
    const ch = this.channels.get(channelId);
    return { type: 'member_joined_channel', user: userId, channel: channelId, channel_type: ch?.is_private ? 'G' : 'C', team: this.teamId, ...(inviter ? { inviter } : {}) };
  }

  /** The DM channel id for a user (created as `conversations.open` would). */
  dmChannelFor(userId: string): string {
    const existing = this.dmByUser.get(userId);
    if (existing) return existing;
    const id = `D${String(++this.idCounter).padStart(4, '0')}${userId.replace(/[^A-Z0-9]/gi, '').toUpperCase().slice(-6)}`;
    this.channels.set(id, {
      id,
      name: id,
      is_private: true,
      is_im: true,
      is_mpim: false,
      members: [userId, this.botUserId],
      botMember: true,
      user: userId,
    });
    this.dmByUser.set(userId, id);
    return id;
  }

  /** All messages in a channel (including ephemeral and deleted ones), oldest first. */
  messagesIn(channelId: string): FakeMessage[] {
    const ch = this.resolveChannel(channelId);
    return this.messages.filter((m) => m.channel === (ch?.id ?? channelId));
  }

  findMessage(channelId: string, ts: string): FakeMessage | undefined {
    const ch = this.resolveChannel(channelId);
    return this.messages.find((m) => m.channel === (ch?.id ?? channelId) && m.ts === ts);
  }

  /** Seeds a message (default: posted by the bot) so that chat.update / permalinks can find it. */
  addMessage(message: Partial<FakeMessage> & { channel: string; ts?: string }): FakeMessage {
    this.ensureChannel(message.channel);
    const ch = this.resolveChannel(message.channel);
    const m: FakeMessage = {
      ephemeral: false,
      deleted: false,
      edited: false,
      user: this.botUserId,
      bot_id: this.botId,
      ...message,
      channel: ch?.id ?? message.channel,
      ts: message.ts ?? this.nextTs(),
    };
    this.messages.push(m);
    return m;
  }

  // ------------------------------------------------------------------------------ views

  getView(id: string): FakeView | undefined {
    return this.views.get(id);
  }

  /** Every view ever opened/pushed/published, in creation order. */
  allViews(): FakeView[] {
    return [...this.views.values()];
  }

  /** Latest view (open, not closed) with this callback_id, optionally for a user. */
  findView(callbackId: string, userId?: string): FakeView | undefined {
    const list = [...this.views.values()].reverse();
    return (
      list.find((v) => v.callback_id === callbackId && this.isOpenFor(v.id, userId)) ??
      list.find((v) => v.callback_id === callbackId && (!userId || this.viewMeta.get(v.id)?.userId === userId))
    );
  }

  /** The top view of the most recently opened modal stack still open (for a user if given). */
  topView(userId?: string): FakeView | undefined {
    const roots = [...this.stacks.keys()].reverse();
    for (const root of roots) {
      const stack = this.stacks.get(root) ?? [];
      const open = stack.filter((id) => !this.viewMeta.get(id)?.closed);
      const top = open[open.length - 1];
      if (top && (!userId || this.viewMeta.get(top)?.userId === userId)) return this.views.get(top);
    }
    return undefined;
  }

  /** Open views in the stack containing `viewId`, root first. */
  viewStack(viewId: string): FakeView[] {
    const root = this.viewMeta.get(viewId)?.rootId;
    if (!root) return [];
    return (this.stacks.get(root) ?? [])
      .filter((id) => !this.viewMeta.get(id)?.closed)
      .map((id) => this.views.get(id))
      .filter((v): v is FakeView => v !== undefined);
  }

  homeView(userId: string): FakeView | undefined {
    const id = this.homeByUser.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  /** Marks a view (and, if `clear`, its whole stack) closed. */
  closeView(viewId: string, clear = false): void {
    const meta = this.viewMeta.get(viewId);
    if (!meta) return;
    if (clear) {
      for (const id of this.stacks.get(meta.rootId) ?? []) {
        const m = this.viewMeta.get(id);
        if (m) m.closed = true;
      }
    } else {
      meta.closed = true;
    }
  }

  /** Stores `state.values` on a view (as Slack does while the user fills it in). */
  setViewState(viewId: string, values: Record<string, Record<string, unknown>>): void {
    const view = this.views.get(viewId);
    if (view) view.state = { values };
  }

  /**
   * Applies the app's answer to a view_submission of `viewId` the way Slack would and returns
   * problems Slack would show (empty when fine): empty body → close the view; `update` → the
   * view must be valid, replaces it; `push` → valid and within the push limit; `clear` →
   * closes the stack; `errors` → keys must be block_ids of input blocks in the view.
   */
  applyViewSubmissionResponse(viewId: string | undefined, body: unknown): string[] {
    const problems: string[] = [];
    const view = viewId ? this.views.get(viewId) : undefined;
    if (body === undefined || body === null || body === '' || (isObj(body) && Object.keys(body).length === 0)) {
      if (viewId) this.closeView(viewId);
      return problems;
    }
    if (!isObj(body)) return [`view_submission response must be empty or a JSON object, got ${JSON.stringify(body)}`];
    const action = body['response_action'];
    switch (action) {
      case 'errors': {
        const errors = body['errors'];
        if (!isObj(errors)) {
          problems.push('response_action "errors" needs an "errors" object');
          break;
        }
        const inputIds = new Set(
          (view?.blocks ?? []).filter((b) => isObj(b) && b['type'] === 'input').map((b) => (b as Obj)['block_id']),
        );
        for (const [key, msg] of Object.entries(errors)) {
          if (view && !inputIds.has(key)) problems.push(`errors.${key}: not the block_id of an input block in view ${view.id}`);
          if (typeof msg !== 'string' || msg === '') problems.push(`errors.${key}: must be a non-empty string`);
        }
        break;
      }
      case 'update': {
        const v = body['view'];
        const errs = validateView(v);
        if (errs.length > 0) problems.push(...errs.map((e) => `response_action update: ${e}`));
        else if (view && isObj(v)) this.replaceView(view, v);
        break;
      }
      case 'push': {
        const v = body['view'];
        const errs = validateView(v);
        if (errs.length > 0) {
          problems.push(...errs.map((e) => `response_action push: ${e}`));
          break;
        }
        if (!isObj(v) || v['type'] !== 'modal') {
          problems.push('response_action push: view.type must be "modal"');
          break;
        }
        const meta = viewId ? this.viewMeta.get(viewId) : undefined;
        if (meta) {
          const stack = this.stacks.get(meta.rootId) ?? [];
          const openCount = stack.filter((id) => !this.viewMeta.get(id)?.closed).length;
          if (openCount - 1 >= MAX_PUSHED_VIEWS) {
            problems.push('response_action push: push_limit_reached');
            break;
          }
          this.createView(v, { userId: meta.userId, rootId: meta.rootId, previousId: viewId });
        } else {
          this.createView(v, {});
        }
        break;
      }
      case 'clear':
        if (viewId) this.closeView(viewId, true);
        break;
      default:
        problems.push(`unknown response_action ${JSON.stringify(action)}`);
    }
    return problems;
  }

  // ------------------------------------------------------------------------------ files

  /** A file uploaded through the external upload flow, by id. */
  getUpload(id: string): FakeUpload | undefined {
    return this.uploads.get(id);
  }

  allUploads(): FakeUpload[] {
    return [...this.uploads.values()];
  }

  /** The upload URL: the raw bytes as the body (Slack also takes multipart; the app sends raw). */
  private handleUpload(id: string, res: http.ServerResponse, bytes: Buffer): void {
    const upload = this.uploads.get(id);
    const reply = (status: number, text: string) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/plain');
      res.end(text);
      this.notify();
    };
    if (!upload || upload.completed) return reply(404, 'not found');
    if (bytes.length === 0) return reply(400, 'empty upload');
    upload.bytes = bytes;
    return reply(200, `OK - ${bytes.length}`);
  }

  private filesGetUploadURLExternal(args: Obj): Reply {
    const filename = str(args['filename']);
    const length = Number(str(args['length']) ?? args['length']);
    if (!filename) return invalidArguments('missing required field: filename');
    if (!Number.isSafeInteger(length) || length <= 0) return invalidArguments('missing required field: length');
    const id = randomId('F');
    this.uploads.set(id, { id, filename, length, channels: [], completed: false });
    return ok({ upload_url: `${this.baseUrl}/upload/${id}`, file_id: id });
  }

  private filesCompleteUploadExternal(args: Obj): Reply {
    const files = args['files'];
    if (!Array.isArray(files) || files.length === 0) return invalidArguments('missing required field: files');
    const channelId = str(args['channel_id']);
    const channel = channelId ? this.resolveChannel(channelId) : undefined;
    if (channelId && !channel) return err('channel_not_found');
    if (channel) {
      const bad = this.postingError(channel);
      if (bad) return err(bad);
    }
    const done: FakeUpload[] = [];
    for (const f of files) {
      const id = isObj(f) ? str(f['id']) : undefined;
      const upload = id ? this.uploads.get(id) : undefined;
      if (!upload || upload.completed) return err('file_not_found');
      if (!upload.bytes) return err('file_upload_not_complete');
      if (upload.bytes.length !== upload.length) return err('file_size_mismatch');
      done.push(upload);
    }
    const threadTs = str(args['thread_ts']);
    if (threadTs && channel && !this.messages.some((m) => m.channel === channel.id && m.ts === threadTs && !m.ephemeral && !m.deleted)) {
      return invalidArguments('thread_ts: no such message in the channel');
    }
    for (const [i, upload] of done.entries()) {
      const f = files[i] as Obj;
      upload.completed = true;
      upload.title = str(f['title']) ?? upload.filename;
      if (channel) {
        upload.channels.push(channel.id);
        if (threadTs) upload.threadTs = threadTs;
        this.addMessage({
          channel: channel.id,
          text: str(args['initial_comment']) ?? upload.title,
          user: this.botUserId,
          bot_id: this.botId,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
      }
    }
    return ok({ files: done.map((u) => ({ id: u.id, title: u.title, name: u.filename })) });
  }

  // ---------------------------------------------------------------- triggers & responses

  /** Issues a trigger id valid for 3 s (by `now()`), usable once. */
  issueTriggerId(context: { userId?: string; viewId?: string } = {}): string {
    const id = `${Math.floor(this.now() / 1000)}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), ...context });
    return id;
  }

  /** Issues a response URL (`${baseUrl}/response/<id>`): 5 uses within 30 minutes (by `now()`). */
  issueResponseUrl(context: { channelId?: string; userId?: string; messageTs?: string } = {}): string {
    const id = `${this.teamId}/${randomBytes(6).toString('hex')}/${randomBytes(12).toString('hex')}`.replace(/\//g, '-');
    this.responseUrls.set(id, { issuedAt: this.now(), uses: 0, ...context });
    return `${this.baseUrl}/response/${id}`;
  }

  // ------------------------------------------------------------------------ HTTP layer

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    const uploadMatch = /^\/upload\/([A-Z0-9]+)$/.exec(url.pathname);
    if (uploadMatch?.[1] && req.method === 'POST') return this.handleUpload(uploadMatch[1], res, bytes);

    const apiMatch = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (apiMatch?.[1]) return this.handleApi(apiMatch[1], req, res, raw, url);
    const respMatch = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (respMatch?.[1] && req.method === 'POST') return this.handleResponseUrl(respMatch[1], res, raw);

    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain');
    res.end('not found');
  }

  private handleApi(method: string, req: http.IncomingMessage, res: http.ServerResponse, raw: string, url: URL): void {
    const contentType = String(req.headers['content-type'] ?? '');
    let args: Obj = Object.fromEntries(url.searchParams.entries());
    let parseError: string | undefined;
    if (raw !== '') {
      if (contentType.includes('application/json')) {
        try {
          const parsed: unknown = JSON.parse(raw);
          if (isObj(parsed)) args = { ...args, ...parsed };
          else parseError = 'invalid_json';
        } catch {
          parseError = 'invalid_json';
        }
      } else if (contentType.includes('application/x-www-form-urlencoded') || contentType === '') {
        args = { ...args, ...Object.fromEntries(new URLSearchParams(raw).entries()) };
      } else {
        parseError = 'invalid_form_data';
      }
    }
    args = parseJsonFields(args);

    const auth = String(req.headers['authorization'] ?? '');
    const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    const token = bearer ?? str(args['token']);
    const { token: _dropped, ...recordedArgs } = args;

    const send = (status: number, body: Reply, headers: Record<string, string> = {}) => {
      this.calls.push({
        method,
        args: recordedArgs,
        ok: body.ok,
        ...(body.error !== undefined ? { error: body.error } : {}),
        at: this.now(),
        httpStatus: status,
        response: body,
        ...(token !== undefined ? { token } : {}),
      });
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('X-OAuth-Scopes', this.scopes.join(','));
      const needed = METHOD_SCOPES[method];
      res.setHeader('X-Accepted-OAuth-Scopes', Array.isArray(needed) ? needed.join(',') : (needed ?? ''));
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.end(JSON.stringify(body));
      this.notify();
    };

    const handler = this.handlers[method];
    if (!handler) return send(200, err('unknown_method', { req_method: method }));

    const queued = this.failures.get(method) ?? [];
    const at = queued.findIndex((f) => !f.match || f.match(args));
    if (at >= 0) {
      const [failure] = queued.splice(at, 1);
      const { status, headers, body } = this.failureReply(failure!);
      return send(status, body, headers);
    }

    if (parseError) return send(200, err(parseError));
    if (!token) return send(200, err('not_authed'));
    if (token !== this.botToken) return send(200, err('invalid_auth'));

    const needed = METHOD_SCOPES[method];
    if (needed) {
      const anyOf = Array.isArray(needed) ? needed : [needed];
      if (!anyOf.some((s) => this.scopes.includes(s))) {
        return send(200, err('missing_scope', { needed: anyOf.join(','), provided: this.scopes.join(',') }));
      }
    }
    return send(200, handler(args));
  }

  private failureReply(f: FailureSpec): { status: number; headers: Record<string, string>; body: Reply } {
    const status = f.status ?? (f.retryAfterSeconds !== undefined ? 429 : 200);
    const headers: Record<string, string> = {};
    if (status === 429 || f.retryAfterSeconds !== undefined) headers['Retry-After'] = String(f.retryAfterSeconds ?? 1);
    const error = f.error ?? (status === 429 ? 'ratelimited' : 'fatal_error');
    return { status, headers, body: err(error) };
  }

  private handleResponseUrl(id: string, res: http.ServerResponse, raw: string): void {
    const url = `${this.baseUrl}/response/${id}`;
    const at = this.now();
    let body: Obj = {};
    const reply = (status: number, payload: Reply, messageTs?: string, headers: Record<string, string> = {}) => {
      this.responses.push({
        id,
        url,
        body,
        ok: payload.ok,
        ...(payload.error !== undefined ? { error: payload.error } : {}),
        status,
        at,
        ...(messageTs ? { messageTs } : {}),
      });
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.end(JSON.stringify(payload));
      this.notify();
    };

    try {
      const parsed: unknown = JSON.parse(raw);
      if (!isObj(parsed)) return reply(400, err('invalid_payload'));
      body = parseJsonFields(parsed);
    } catch {
      return reply(400, err('invalid_payload'));
    }

    const failure = this.failures.get('response_url')?.shift();
    if (failure) {
      const f = this.failureReply(failure);
      return reply(f.status === 200 ? 500 : f.status, f.body, undefined, f.headers);
    }

    const rec = this.responseUrls.get(id);
    if (!rec) return reply(404, err('invalid_url'));
    if (at - rec.issuedAt > RESPONSE_URL_TTL_MS) return reply(404, err('expired_url'));
    if (rec.uses >= RESPONSE_URL_MAX_USES) return reply(404, err('used_url'));

    const original = rec.channelId && rec.messageTs ? this.findMessage(rec.channelId, rec.messageTs) : undefined;
    if (truthy(body['delete_original'])) {
      rec.uses++;
      if (original) original.deleted = true;
      return reply(200, ok(), original?.ts);
    }
    if (!hasContent(body)) return reply(400, err('no_text'));
    const errors = validateMessage({ text: body['text'], blocks: body['blocks'], attachments: body['attachments'] });
    if (errors.length > 0) return reply(400, withMessages(messageErrorCode(errors), errors));

    rec.uses++;
    const text = typeof body['text'] === 'string' ? body['text'] : undefined;
    const blocks = Array.isArray(body['blocks']) ? body['blocks'] : undefined;
    if (truthy(body['replace_original']) && original) {
      original.text = text;
      original.blocks = blocks;
      original.edited = true;
      return reply(200, ok(), original.ts);
    }
    if (rec.channelId) {
      const inChannel = body['response_type'] === 'in_channel';
      const m = this.addMessage({
        channel: rec.channelId,
        text,
        blocks,
        ephemeral: !inChannel,
        ...(inChannel || !rec.userId ? {} : { visibleTo: rec.userId }),
        ...(typeof body['thread_ts'] === 'string' ? { thread_ts: body['thread_ts'] } : {}),
      });
      return reply(200, ok(), m.ts);
    }
    return reply(200, ok());
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const hit = find();
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const h = find();
        if (h !== undefined) {
          cleanup();
          resolve(h);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(describe()));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  // ------------------------------------------------------------------------ internals

  private nextTs(): string {
    const sec = Math.floor(this.now() / 1000);
    this.tsCounter = (this.tsCounter + 1) % 1_000_000;
    return `${sec}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private resolveChannel(idOrName: string): FakeChannel | undefined {
    const direct = this.channels.get(idOrName);
    if (direct) return direct;
    if (/^[UW][A-Z0-9]+$/.test(idOrName) && this.users.has(idOrName)) {
      return this.channels.get(this.dmChannelFor(idOrName));
    }
    const name = idOrName.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.is_im && c.name === name);
  }

  /** Error code when the bot may not post in `ch`, else undefined. */
  private postingError(ch: FakeChannel): string | undefined {
    if (ch.is_im || ch.botMember) return undefined;
    if (ch.is_private) return 'channel_not_found';
    return this.scopes.includes('chat:write.public') ? undefined : 'not_in_channel';
  }

  private isOpenFor(viewId: string, userId?: string): boolean {
    const meta = this.viewMeta.get(viewId);
    if (!meta || meta.closed) return false;
    return !userId || meta.userId === userId;
  }

  private checkView(raw: unknown, expected: 'modal' | 'home' | undefined, selfId?: string): Reply | undefined {
    if (raw === undefined || raw === null || raw === '') return invalidArguments('missing required field: view');
    if (typeof raw === 'string') return invalidArguments('view: invalid JSON');
    if (Buffer.byteLength(JSON.stringify(raw), 'utf8') > VIEW_MAX_BYTES) return err('view_too_large');
    const errors = validateView(raw);
    if (errors.length > 0) return invalidArguments(...errors);
    if (expected && isObj(raw) && raw['type'] !== expected) {
      return invalidArguments(`view.type: this method only accepts "${expected}" views`);
    }
    if (isObj(raw) && typeof raw['external_id'] === 'string' && raw['external_id'] !== '') {
      const dup = [...this.views.values()].find((v) => v.external_id === raw['external_id'] && v.id !== selfId);
      if (dup) return err('duplicate_external_id');
    }
    return undefined;
  }

  private newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  private createView(raw: Obj, ctx: { userId?: string; rootId?: string; previousId?: string }): FakeView {
    const id = randomId('V');
    const rootId = ctx.rootId ?? id;
    const view: FakeView = {
      ...raw,
      id,
      team_id: this.teamId,
      type: String(raw['type']),
      blocks: Array.isArray(raw['blocks']) ? [...(raw['blocks'] as unknown[])] : [],
      private_metadata: typeof raw['private_metadata'] === 'string' ? raw['private_metadata'] : '',
      callback_id: typeof raw['callback_id'] === 'string' ? raw['callback_id'] : '',
      external_id: typeof raw['external_id'] === 'string' ? raw['external_id'] : '',
      state: { values: {} },
      hash: this.newHash(),
      clear_on_close: truthy(raw['clear_on_close']),
      notify_on_close: truthy(raw['notify_on_close']),
      root_view_id: raw['type'] === 'home' ? null : rootId,
      previous_view_id: ctx.previousId ?? null,
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
    this.views.set(id, view);
    this.viewMeta.set(id, { userId: ctx.userId, rootId, closed: false });
    if (raw['type'] !== 'home') {
      const stack = this.stacks.get(rootId) ?? [];
      stack.push(id);
      this.stacks.set(rootId, stack);
    }
    return view;
  }

  private replaceView(view: FakeView, raw: Obj): void {
    const keep = {
      id: view.id,
      team_id: view.team_id,
      state: view.state,
      root_view_id: view.root_view_id,
      previous_view_id: view.previous_view_id,
      app_id: view.app_id,
      app_installed_team_id: view.app_installed_team_id,
      bot_id: view.bot_id,
    };
    for (const key of Object.keys(view)) delete view[key];
    Object.assign(view, raw, keep, {
      type: String(raw['type']),
      blocks: Array.isArray(raw['blocks']) ? [...(raw['blocks'] as unknown[])] : [],
      private_metadata: typeof raw['private_metadata'] === 'string' ? raw['private_metadata'] : '',
      callback_id: typeof raw['callback_id'] === 'string' ? raw['callback_id'] : '',
      external_id: typeof raw['external_id'] === 'string' ? raw['external_id'] : '',
      clear_on_close: truthy(raw['clear_on_close']),
      notify_on_close: truthy(raw['notify_on_close']),
      hash: this.newHash(),
    });
  }

  /** Checks a trigger id (unknown / already used / older than 3 s). Returns an error code or the record. */
  private checkTrigger(id: string): { error: string } | { record: TriggerRecord } {
    const rec = this.triggers.get(id);
    if (!rec) return { error: 'invalid_trigger_id' };
    if (rec.usedAt !== undefined) return { error: 'exchanged_trigger_id' };
    if (this.now() - rec.issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    return { record: rec };
  }

  // --------------------------------------------------------------------------- methods

  private authTest(): Reply {
    return ok({
      url: `https://${this.teamDomain}.slack.com/`,
      team: 'Tickler Test',
      user: 'tickler',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    });
  }

  private usersInfo(args: Obj): Reply {
    const id = str(args['user']);
    if (!id) return err('user_not_found');
    const u = this.users.get(id);
    if (!u) return err('user_not_found');
    if (u.not_visible) return err('user_not_visible');
    const tz = u.tz ?? 'America/New_York';
    const info = tzInfo(tz, this.now());
    const { email, ...profileRest } = u.profile ?? {};
    const realName = u.real_name ?? u.profile?.real_name ?? u.name;
    const user: Obj = {
      id: u.id,
      team_id: u.team_id ?? this.teamId,
      name: u.name,
      deleted: u.deleted ?? false,
      real_name: realName,
      tz,
      tz_label: info.label,
      tz_offset: u.tz_offset ?? info.offsetSeconds,
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: u.profile?.display_name ?? u.name,
        display_name_normalized: u.profile?.display_name ?? u.name,
        team: u.team_id ?? this.teamId,
        ...profileRest,
        ...(email !== undefined && this.scopes.includes('users:read.email') ? { email } : {}),
      },
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: u.is_restricted ?? false,
      is_ultra_restricted: u.is_ultra_restricted ?? false,
      is_bot: u.is_bot ?? false,
      is_app_user: false,
      updated: Math.floor(this.now() / 1000),
      ...(u.is_stranger ? { is_stranger: true } : {}),
    };
    return ok({ user });
  }

  private viewsOpen(args: Obj): Reply {
    const trigger = str(args['trigger_id']) ?? str(args['interactivity_pointer']);
    if (!trigger) return invalidArguments('missing required field: trigger_id');
    const bad = this.checkView(args['view'], 'modal');
    if (bad) return bad;
    const t = this.checkTrigger(trigger);
    if ('error' in t) return err(t.error);
    t.record.usedAt = this.now();
    const view = this.createView(args['view'] as Obj, { userId: t.record.userId });
    return ok({ view });
  }

  private viewsPush(args: Obj): Reply {
    const trigger = str(args['trigger_id']) ?? str(args['interactivity_pointer']);
    if (!trigger) return invalidArguments('missing required field: trigger_id');
    const bad = this.checkView(args['view'], 'modal');
    if (bad) return bad;
    const t = this.checkTrigger(trigger);
    if ('error' in t) return err(t.error);
    // The stack is the one the trigger came from (an interaction in a view), else the user's latest open modal.
    const fromView = t.record.viewId ? this.viewMeta.get(t.record.viewId) : undefined;
    const top = fromView && !fromView.closed ? undefined : this.topView(t.record.userId);
    const rootId = fromView && !fromView.closed ? fromView.rootId : top ? this.viewMeta.get(top.id)?.rootId : undefined;
    t.record.usedAt = this.now();
    if (!rootId) {
      // No modal open: Slack shows the pushed view as a new root.
      return ok({ view: this.createView(args['view'] as Obj, { userId: t.record.userId }) });
    }
    const stack = (this.stacks.get(rootId) ?? []).filter((id) => !this.viewMeta.get(id)?.closed);
    if (stack.length - 1 >= MAX_PUSHED_VIEWS) return err('push_limit_reached');
    const view = this.createView(args['view'] as Obj, {
      userId: t.record.userId,
      rootId,
      previousId: stack[stack.length - 1],
    });
    return ok({ view });
  }

  private viewsUpdate(args: Obj): Reply {
    const viewId = str(args['view_id']);
    const externalId = str(args['external_id']);
    if (!viewId && !externalId) return invalidArguments('missing required field: view_id or external_id');
    const raw = args['view'];
    if (raw === undefined || raw === null || raw === '') return invalidArguments('missing required field: view');
    if (typeof raw === 'string') return invalidArguments('view: invalid JSON');
    if (Buffer.byteLength(JSON.stringify(raw), 'utf8') > VIEW_MAX_BYTES) return err('view_too_large');
    const errors = validateView(raw);
    if (errors.length > 0) return invalidArguments(...errors);
    const view = viewId ? this.views.get(viewId) : [...this.views.values()].find((v) => v.external_id === externalId);
    if (!view) return err('not_found');
    if (isObj(raw) && raw['type'] !== view.type) return invalidArguments(`view.type: cannot change a ${view.type} view into ${String(raw['type'])}`);
    const hash = str(args['hash']);
    if (hash !== undefined && hash !== view.hash) return err('hash_conflict');
    this.replaceView(view, raw as Obj);
    return ok({ view });
  }

  private viewsPublish(args: Obj): Reply {
    const userId = str(args['user_id']);
    if (!userId) return invalidArguments('missing required field: user_id');
    const existing = this.homeView(userId);
    const bad = this.checkView(args['view'], 'home', existing?.id);
    if (bad) return bad;
    const hash = str(args['hash']);
    if (existing && hash !== undefined && hash !== existing.hash) return err('hash_conflict');
    if (existing) {
      this.replaceView(existing, args['view'] as Obj);
      return ok({ view: existing });
    }
    const view = this.createView(args['view'] as Obj, { userId });
    this.homeByUser.set(userId, view.id);
    return ok({ view });
  }

  /** Shared chat.* checks: channel, content, blocks, membership. */
  private checkMessage(args: Obj): Reply | FakeChannel {
    const channelArg = str(args['channel']);
    if (!channelArg) return err('channel_not_found');
    if (!hasContent(args)) return err('no_text');
    const errors = validateMessage({ text: args['text'], blocks: args['blocks'], attachments: args['attachments'] });
    if (errors.length > 0) return withMessages(messageErrorCode(errors), errors);
    const ch = this.resolveChannel(channelArg);
    if (!ch) return err('channel_not_found');
    return ch;
  }

  private chatPostMessage(args: Obj): Reply {
    const checked = this.checkMessage(args);
    if ('ok' in checked) return checked as Reply;
    const ch = checked as FakeChannel;
    const postErr = this.postingError(ch);
    if (postErr) return err(postErr);
    const m = this.addMessage({
      channel: ch.id,
      text: typeof args['text'] === 'string' ? args['text'] : undefined,
      blocks: Array.isArray(args['blocks']) ? args['blocks'] : undefined,
      ...(str(args['thread_ts']) ? { thread_ts: str(args['thread_ts']) } : {}),
    });
    return ok({ channel: ch.id, ts: m.ts, message: this.messageJson(m) });
  }

  private chatPostEphemeral(args: Obj): Reply {
    const channelArg = str(args['channel']);
    if (!channelArg) return err('channel_not_found');
    const userId = str(args['user']);
    if (!userId) return invalidArguments('missing required field: user');
    const checked = this.checkMessage(args);
    if ('ok' in checked) return checked as Reply;
    const ch = checked as FakeChannel;
    const postErr = this.postingError(ch);
    if (postErr) return err(postErr);
    if (ch.members && !ch.members.includes(userId)) return err('user_not_in_channel');
    const m = this.addMessage({
      channel: ch.id,
      text: typeof args['text'] === 'string' ? args['text'] : undefined,
      blocks: Array.isArray(args['blocks']) ? args['blocks'] : undefined,
      ephemeral: true,
      visibleTo: userId,
    });
    return ok({ message_ts: m.ts });
  }

  private chatUpdate(args: Obj): Reply {
    const channelArg = str(args['channel']);
    if (!channelArg) return err('channel_not_found');
    const ts = str(args['ts']);
    if (!ts) return err('message_not_found');
    const checked = this.checkMessage(args);
    if ('ok' in checked) return checked as Reply;
    const ch = checked as FakeChannel;
    const m = this.messages.find((x) => x.channel === ch.id && x.ts === ts && !x.ephemeral && !x.deleted);
    if (!m) return err('message_not_found');
    if (m.user !== this.botUserId) return err('cant_update_message');
    if (typeof args['text'] === 'string') m.text = args['text'];
    if (args['blocks'] !== undefined) m.blocks = Array.isArray(args['blocks']) ? args['blocks'] : undefined;
    m.edited = true;
    return ok({ channel: ch.id, ts: m.ts, text: m.text ?? '', message: this.messageJson(m) });
  }

  private chatGetPermalink(args: Obj): Reply {
    const channelArg = str(args['channel']);
    if (!channelArg) return err('channel_not_found');
    const ch = this.resolveChannel(channelArg);
    if (!ch) return err('channel_not_found');
    const ts = str(args['message_ts']);
    if (!ts) return err('message_not_found');
    const m = this.messages.find((x) => x.channel === ch.id && x.ts === ts && !x.ephemeral && !x.deleted);
    if (!m) return err('message_not_found');
    return ok({
      channel: ch.id,
      permalink: `https://${this.teamDomain}.slack.com/archives/${ch.id}/p${ts.replace('.', '')}`,
    });
  }

  private conversationsOpen(args: Obj): Reply {
    const channelArg = str(args['channel']);
    const usersArg = str(args['users']);
    if (!usersArg) {
      if (!channelArg) return err('users_list_not_supplied');
      const ch = this.channels.get(channelArg);
      if (!ch || !(ch.is_im || ch.is_mpim)) return err('channel_not_found');
      return ok({ no_op: true, already_open: true, channel: { id: ch.id } });
    }
    const ids = usersArg.split(',').map((s) => s.trim()).filter(Boolean);
    for (const id of ids) {
      const u = this.users.get(id);
      if (!u) return err('user_not_found');
      if (u.deleted) return err('user_disabled');
      if (u.not_visible) return err('user_not_visible');
      if (u.is_stranger) return err('invalid_user_combination');
    }
    if (ids.length > 8) return err('too_many_users');
    if (ids.length === 1) {
      const userId = ids[0] as string;
      const existed = this.dmByUser.has(userId);
      const id = this.dmChannelFor(userId);
      const channel = truthy(args['return_im']) ? { id, is_im: true, user: userId, created: Math.floor(this.now() / 1000) } : { id };
      return ok({ ...(existed ? { no_op: true, already_open: true } : {}), channel });
    }
    if (!this.scopes.includes('mpim:write')) {
      return err('missing_scope', { needed: 'mpim:write', provided: this.scopes.join(',') });
    }
    const key = [...ids].sort().join(',');
    const existing = [...this.channels.values()].find((c) => c.is_mpim && [...(c.members ?? [])].filter((m) => m !== this.botUserId).sort().join(',') === key);
    if (existing) return ok({ no_op: true, already_open: true, channel: { id: existing.id } });
    const id = randomId('G');
    this.channels.set(id, { id, name: `mpdm-${id.toLowerCase()}`, is_private: true, is_im: false, is_mpim: true, members: [...ids, this.botUserId], botMember: true });
    return ok({ channel: { id } });
  }

  private conversationsMembers(args: Obj): Reply {
    const channelArg = str(args['channel']);
    if (!channelArg) return err('channel_not_found');
    const ch = this.channels.get(channelArg);
    if (!ch || (ch.is_private && !ch.botMember)) return err('channel_not_found');
    // Slack asks for the scope of the conversation's kind: channels:read for public channels,
    // groups:read for private ones, im:read / mpim:read for DMs.
    const kindScope = ch.is_im ? 'im:read' : ch.is_mpim ? 'mpim:read' : ch.is_private ? 'groups:read' : 'channels:read';
    if (!this.scopes.includes(kindScope)) return err('missing_scope', { needed: kindScope, provided: this.scopes.join(',') });
    const all = ch.members ?? [];
    const limit = Math.min(Math.max(Number(str(args['limit']) ?? 100) || 100, 1), 1000);
    const cursor = str(args['cursor']);
    let offset = 0;
    if (cursor) {
      const decoded = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
      if (!decoded?.[1]) return err('invalid_cursor');
      offset = Number(decoded[1]);
    }
    const page = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
    return ok({ members: page, response_metadata: { next_cursor: next } });
  }

  /** Slack answers for a public channel whether or not the bot is in it; a private one only to members. */
  private conversationsInfo(args: Obj): Reply {
    const channelArg = str(args['channel']);
    if (!channelArg) return err('channel_not_found');
    const ch = this.channels.get(channelArg);
    if (!ch || (ch.is_private && !ch.is_im && !ch.botMember)) return err('channel_not_found');
    const kindScope = ch.is_im ? 'im:read' : ch.is_mpim ? 'mpim:read' : ch.is_private ? 'groups:read' : 'channels:read';
    if (!this.scopes.includes(kindScope)) return err('missing_scope', { needed: kindScope, provided: this.scopes.join(',') });
    return ok({
      channel: {
        id: ch.id,
        name: ch.name,
        is_channel: !ch.is_im && !ch.is_mpim && !ch.is_private,
        is_group: !ch.is_im && !ch.is_mpim && ch.is_private,
        is_im: ch.is_im,
        is_mpim: ch.is_mpim,
        is_private: ch.is_private,
        is_member: ch.botMember,
        is_archived: false,
        is_ext_shared: false,
        is_shared: false,
        ...(ch.is_im && ch.user ? { user: ch.user } : {}),
      },
    });
  }

  private messageJson(m: FakeMessage): Obj {
    return {
      type: 'message',
      ...(m.text !== undefined ? { text: m.text } : { text: '' }),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      user: m.user,
      bot_id: m.bot_id,
      app_id: this.appId,
      team: this.teamId,
      ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(m.edited ? { edited: { user: this.botUserId, ts: this.nextTs() } } : {}),
    };
  }
}

// Sends Slack Web API calls one at a time at a global pace, honouring 429 Retry-After.
//
// Every digest DM goes to a different channel, so Slack's ~1/s per-channel limit on
// chat.postMessage never binds; what binds is the per-method workspace tiers (Tier 3
// conversations.open, 50+/min, and the chat.postMessage workspace cap of several hundred a
// minute), which Slack enforces with 429 + Retry-After. The queue keeps a minimum interval
// between any two calls (default 50 ms, at most 20 calls a second) and, optionally, per
// method, and on a 429 pauses the WHOLE queue for Retry-After, then
// retries the same call — a bounded number of times per call. A Retry-After longer than the
// caller's budget fails the call at once (and the calls behind it while the pause lasts), so
// the scheduler marks the runs failed and a later tick retries, and the CLI exits in minutes.
//
// The WebClient must not retry by itself (its default is ~30 minutes of retries): build it
// with `createSlackClient`, which sets `rejectRateLimitedCalls: true, retryConfig: {retries: 0}`.
//
// Pacing is about real elapsed time, so it uses a monotonic timer and real sleeps (both
// injectable), never the app's injected business clock.
import { ErrorCode, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';

export interface PacedQueueOptions {
  /** Minimum time between the starts of two calls (default 50 ms = 20 calls/s). */
  minIntervalMs?: number;
  /**
   * Minimum time between two calls with the same label (the Web API method), for methods whose
   * tier is slower than the global pace, e.g. `{ 'conversations.open': 1200 }` (Tier 3, ~50/min).
   */
  methodIntervalMs?: Record<string, number>;
  /** Retries of one call after a 429 (or a transient failure, where allowed). Default 3. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this fails the call instead (default 2 minutes). */
  maxRetryAfterMs?: number;
  /** Total Retry-After waiting this queue accepts over its life; beyond it, 429s fail at once (default: no limit). */
  maxTotalRetryWaitMs?: number;
  /** First backoff after a transient (network / 5xx) failure; doubles each retry (default 1 s). */
  transientDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds (default `performance.now`). */
  monotonicNow?: () => number;
  onRateLimited?: (info: { label: string; retryAfterMs: number; attempt: number; willRetry: boolean }) => void;
}

export interface CallOptions {
  /**
   * Retry network errors and HTTP 5xx too (idempotent calls such as conversations.open).
   * Off by default: a chat.postMessage that timed out may have been delivered.
   */
  retryTransient?: boolean;
}

/** A Slack call that failed for good; `code` is Slack's error code (`channel_not_found`, `ratelimited`, …). */
export class SlackCallError extends Error {
  constructor(
    readonly code: string,
    readonly label: string,
    readonly attempts: number,
  ) {
    super(`${label} failed: ${code}`);
    this.name = 'SlackCallError';
  }
}

interface CodedError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
}

/** Seconds to wait when the error is a 429 the WebClient rejected, else null. */
export function rateLimitRetryAfter(err: unknown): number | null {
  const e = err as CodedError | null;
  if (e && e.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number') return e.retryAfter;
  return null;
}

/** Slack's error code for any failure of a Web API call (never a token or a message body). */
export function slackErrorCode(err: unknown): string {
  if (err instanceof SlackCallError) return err.code;
  const e = err as CodedError | null;
  switch (e?.code) {
    case ErrorCode.PlatformError:
      return e.data?.error ?? 'platform_error';
    case ErrorCode.RateLimitedError:
      return 'ratelimited';
    case ErrorCode.RequestError:
      return 'request_error';
    case ErrorCode.HTTPError:
      return `http_${e.statusCode ?? 'error'}`;
    default:
      return err instanceof Error ? err.name || 'error' : 'error';
  }
}

function isTransient(err: unknown): boolean {
  const e = err as CodedError | null;
  return e?.code === ErrorCode.RequestError || (e?.code === ErrorCode.HTTPError && (e.statusCode ?? 0) >= 500);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PacedQueue {
  private readonly minIntervalMs: number;
  private readonly methodIntervalMs: Record<string, number>;
  private readonly lastStartByLabel = new Map<string, number>();
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxTotalRetryWaitMs: number;
  private totalRetryWaitMs = 0;
  private readonly transientDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onRateLimited: PacedQueueOptions['onRateLimited'];
  private tail: Promise<unknown> = Promise.resolve();
  private lastStart = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private pending = 0;

  constructor(opts: PacedQueueOptions = {}) {
    this.minIntervalMs = Math.max(0, opts.minIntervalMs ?? 50);
    this.methodIntervalMs = { ...(opts.methodIntervalMs ?? {}) };
    this.maxRetries = Math.max(0, opts.maxRetries ?? 3);
    this.maxRetryAfterMs = Math.max(0, opts.maxRetryAfterMs ?? 120_000);
    this.maxTotalRetryWaitMs = opts.maxTotalRetryWaitMs ?? Number.POSITIVE_INFINITY;
    this.transientDelayMs = Math.max(0, opts.transientDelayMs ?? 1_000);
    this.sleep = opts.sleep ?? realSleep;
    this.now = opts.monotonicNow ?? (() => performance.now());
    this.onRateLimited = opts.onRateLimited;
  }

  /** Milliseconds until a Retry-After pause ends (0 when not paused). */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** True while a Retry-After pause is longer than this queue waits for: calls fail at once. */
  rejecting(): boolean {
    return this.pausedForMs() > this.maxRetryAfterMs;
  }

  /** Calls waiting or running. */
  get size(): number {
    return this.pending;
  }

  /** Queues `call` (`label`: the Web API method, for per-method pacing and errors); resolves with its result or rejects with a SlackCallError. */
  run<T>(label: string, call: () => Promise<T>, opts: CallOptions = {}): Promise<T> {
    this.pending++;
    const result = this.tail.then(() => this.execute(label, call, opts));
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.pending--;
    });
  }

  /** Resolves once every call queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }

  private async waitTurn(label: string): Promise<void> {
    const perMethod = (this.lastStartByLabel.get(label) ?? Number.NEGATIVE_INFINITY) + (this.methodIntervalMs[label] ?? 0);
    const target = Math.max(this.lastStart + this.minIntervalMs, perMethod, this.pausedUntil);
    const wait = target - this.now();
    if (wait > 0) await this.sleep(wait);
  }

  private async execute<T>(label: string, call: () => Promise<T>, opts: CallOptions): Promise<T> {
    let attempt = 0;
    for (;;) {
      // Still paused for longer than the budget (a previous call's long Retry-After): fail fast.
      if (this.rejecting()) throw new SlackCallError('ratelimited', label, attempt);
      await this.waitTurn(label);
      this.lastStart = this.now();
      this.lastStartByLabel.set(label, this.lastStart);
      attempt++;
      try {
        return await call();
      } catch (err) {
        const retryAfter = rateLimitRetryAfter(err);
        if (retryAfter !== null) {
          const retryAfterMs = Math.max(0, retryAfter * 1000);
          this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
          const willRetry =
            attempt <= this.maxRetries && retryAfterMs <= this.maxRetryAfterMs && this.totalRetryWaitMs + retryAfterMs <= this.maxTotalRetryWaitMs;
          this.onRateLimited?.({ label, retryAfterMs, attempt, willRetry });
          if (willRetry) {
            this.totalRetryWaitMs += retryAfterMs;
            continue;
          }
          throw new SlackCallError('ratelimited', label, attempt);
        }
        if (opts.retryTransient && isTransient(err) && attempt <= this.maxRetries) {
          await this.sleep(this.transientDelayMs * 2 ** (attempt - 1));
          continue;
        }
        throw new SlackCallError(slackErrorCode(err), label, attempt);
      }
    }
  }
}

export interface SlackClientOptions {
  slackApiUrl?: string | undefined;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  logLevel?: LogLevel;
}

/**
 * A WebClient for paced sending: it throws on a 429 instead of waiting, and never retries by
 * itself, so the PacedQueue owns the pacing and the (bounded) retries.
 */
export function createSlackClient(token: string, opts: SlackClientOptions = {}): WebClient {
  const options: WebClientOptions = {
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: opts.timeoutMs ?? 30_000,
    logLevel: opts.logLevel ?? LogLevel.ERROR,
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
  };
  return new WebClient(token, options);
}

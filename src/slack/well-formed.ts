// The front door of /slack/events: the signature is checked once (401 for unsigned or stale),
// and signed bodies not shaped like anything Slack sends get a fast 400 before Bolt sees them —
// Bolt would crash on some (a `null` body), wait 3 s and answer 404 on others, or hand
// half-formed payloads to listeners.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, type HTTPReceiver } from '@slack/bolt';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasUser = (b: Obj) => isObject(b.user) && typeof b.user.id === 'string';

/** True when the body carries what every Slack request of its kind carries. */
export function isWellFormedSlackBody(body: unknown): boolean {
  if (!isObject(body)) return false;
  if (body.ssl_check !== undefined) return true;
  if (typeof body.command === 'string') return typeof body.user_id === 'string' && typeof body.text === 'string';
  switch (body.type) {
    case 'url_verification':
      return typeof body.challenge === 'string';
    case 'block_actions':
      return hasUser(body) && Array.isArray(body.actions) && body.actions.length > 0 && body.actions.every((a) => isObject(a) && typeof a.action_id === 'string');
    case 'view_submission':
      return hasUser(body) && isObject(body.view) && isObject(body.view.state) && typeof body.view.callback_id === 'string';
    case 'view_closed':
      return hasUser(body) && isObject(body.view);
    case 'block_suggestion':
      return hasUser(body) && typeof body.action_id === 'string' && typeof body.value === 'string';
    case 'message_action':
    case 'shortcut':
      return hasUser(body) && typeof body.callback_id === 'string';
    case 'event_callback':
      return isObject(body.event) && typeof body.event.type === 'string';
    default:
      return false;
  }
}

/**
 * Wraps the receiver's request listener: checks the signature once (the receiver is built with
 * its own check off, so the HMAC is not computed twice), answers 401 to unsigned or stale
 * requests, 400 to bodies that do not parse or are not shaped like a Slack request, and hands
 * the rest — already buffered — to Bolt.
 */
export function verifyAndRejectMalformed(receiver: HTTPReceiver, signingSecret: string, endpoint: string, log: { warn(msg: string): void }): void {
  const dispatch = receiver.requestListener;
  const answer = (res: ServerResponse, status: number) => {
    if (res.headersSent) return;
    res.writeHead(status);
    res.end();
  };
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== endpoint) return dispatch(req, res);
    void (async () => {
      let buffered: IncomingMessage;
      try {
        buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret }, req);
      } catch (err) {
        log.warn(`request refused: ${(err as Error).message}`);
        return answer(res, 401);
      }
      let body: unknown;
      try {
        body = HTTPModuleFunctions.parseHTTPRequestBody(buffered as Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]);
      } catch {
        log.warn('request rejected: the body does not parse');
        return answer(res, 400);
      }
      if (!isWellFormedSlackBody(body)) {
        log.warn('request rejected: the body is not shaped like a Slack request');
        return answer(res, 400);
      }
      dispatch(buffered, res);
    })().catch((err: unknown) => {
      log.warn(`request not dispatched: ${(err as Error).message}`);
      answer(res, 400);
    });
  };
}

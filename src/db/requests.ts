// processed_slack_requests: a Slack request (a modal submission, an Events API delivery) that
// creates rows is recorded with what it created, in the same transaction as the rows, so a
// repeat (a double submit, a retry) gets the first answer and writes nothing.
import { eq } from 'drizzle-orm';
import type { Db } from './connection';
import { processedSlackRequests } from './schema';

export type RequestKind = (typeof processedSlackRequests.$inferInsert)['kind'];

/** The key of a modal submission: the same view submitted twice has the same id and hash. */
export function viewRequestKey(view: { id: string; hash: string }): string {
  return `view:${view.id}:${view.hash}`;
}

/** What the request with this key created (`need:88`); undefined when it has not been seen. */
export function requestResult(db: Db, key: string): string | null | undefined {
  return db.select({ result: processedSlackRequests.result }).from(processedSlackRequests).where(eq(processedSlackRequests.key, key)).get()?.result;
}

/** Records a request as done; call it in the transaction that wrote `result`'s rows. */
export function recordRequest(db: Db, key: string, kind: RequestKind, at: Date, result: string): void {
  db.insert(processedSlackRequests).values({ key, kind, receivedAt: at.toISOString(), result }).run();
}

/** Ids by name, as stored in `result`: `{ need: [88], plan_version: [12] }` ↔ `need:88 plan_version:12`. */
export type ResultIds = Record<string, readonly number[]>;

export function resultText(ids: ResultIds): string {
  return Object.entries(ids)
    .map(([name, xs]) => `${name}:${xs.join(',')}`)
    .join(' ');
}

export function resultIds(text: string): ResultIds {
  const out: Record<string, number[]> = {};
  for (const part of text.split(' ')) {
    const [name, xs = ''] = part.split(':');
    if (name) out[name] = xs === '' ? [] : xs.split(',').map(Number);
  }
  return out;
}

/**
 * Runs `work` once per request: call it inside the transaction that writes the rows, after the
 * access check. Without a request (a CLI or test caller) it just runs `work`. A request seen
 * before gets `decode` of its recorded result and nothing runs. Otherwise `work` runs and, when
 * `encode` gives a result (it gives null for a refusal, which wrote nothing and may be corrected
 * and sent again), the request is recorded with it.
 */
export function onceForRequest<R>(
  db: Db,
  request: { key: string; kind: RequestKind; at: Date } | null | undefined,
  work: () => R,
  codec: { encode: (result: R) => ResultIds | null; decode: (ids: ResultIds) => R | null },
): R {
  if (!request) return work();
  const done = requestResult(db, request.key);
  if (done !== undefined) {
    const first = done === null ? null : codec.decode(resultIds(done));
    // Cannot happen unless the row was written by other code under the same key: write nothing.
    if (first === null) throw new Error(`processed request ${request.key} has a result this request cannot read`);
    return first;
  }
  const result = work();
  const ids = codec.encode(result);
  if (ids) recordRequest(db, request.key, request.kind, request.at, resultText(ids));
  return result;
}

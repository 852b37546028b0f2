// Snoozes of computed due items: written on behalf of an Actor who may write the participant's
// file, and audited (rule id only — the reason is free text and stays out of the audit log).
import { decideAccess, type Actor } from '../domain/access';
import { recordAudit } from './audit';
import { inTransaction, type Db } from './connection';
import { accessFacts } from './participants';
import { dueItemState } from './schema';

export interface SnoozeInput {
  itemKey: string;
  ruleId: string;
  participantId: number;
  dueDate: string;
  until: string;
  reason: string;
}

export function snoozeDueItem(db: Db, actor: Actor, input: SnoozeInput, now: Date): 'ok' | 'not-found' {
  return inTransaction(db, () => {
    const decision = decideAccess(actor, accessFacts(db, input.participantId), 'write');
    if (!decision.allowed) return 'not-found';
    const at = now.toISOString();
    const values = { snoozedUntil: input.until, snoozeReason: input.reason, snoozedBy: actor.staffId, snoozedAt: at, updatedAt: at };
    db.insert(dueItemState)
      .values({ itemKey: input.itemKey, ruleId: input.ruleId, participantId: input.participantId, dueDate: input.dueDate, ...values })
      .onConflictDoUpdate({ target: dueItemState.itemKey, set: values })
      .run();
    recordAudit(db, now, [{ actorId: actor.staffId, action: 'snooze', entity: 'participant', entityId: input.participantId, basis: decision.basis, detail: { rule: input.ruleId, until: input.until } }]);
    return 'ok';
  });
}

import type { Db } from './connection';
import { auditLog } from './schema';

export interface AuditEntry {
  actorId: string;
  action: string;
  entity: 'participant' | 'staff' | 'caseload' | 'partner';
  entityId: string | number;
  basis: string;
  /** Ids and field names only — never names, note bodies or other participant data. */
  detail?: Record<string, string | number | boolean | null>;
}

export function recordAudit(db: Db, at: Date, entries: AuditEntry[]): void {
  if (entries.length === 0) return;
  db.insert(auditLog)
    .values(
      entries.map((e) => ({
        at: at.toISOString(),
        actorId: e.actorId,
        action: e.action,
        entity: e.entity,
        entityId: String(e.entityId),
        basis: e.basis,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      })),
    )
    .run();
}

// Who may see or change a participant's file. Every read and write of participant data goes
// through `decideAccess` (one record) or `visibilityScope` (lists and searches); handlers never
// decide this themselves. A refusal never says why, so it cannot leak that a person exists.

export type Role = 'case_manager' | 'supervisor' | 'admin';
export type AccessAction = 'read' | 'write' | 'reassign';

/** A person acting in Tickler, as the staff table and ADMIN_USER_IDS describe them. */
export interface Actor {
  staffId: string;
  role: Role;
  active: boolean;
  /** Only full members of the home workspace are ever staff; guests and Slack Connect users are not. */
  membership: 'full' | 'guest' | 'external';
}

/** The facts about one participant that the rule needs. */
export interface ParticipantAccessFacts {
  /** Staff assigned to the participant (primary and others), with each one's supervisor. */
  assignments: ReadonlyArray<{ staffId: string; supervisorId: string | null }>;
}

export type AccessBasis = 'assigned' | 'supervisor' | 'admin';
export type AccessDecision = { allowed: true; basis: AccessBasis } | { allowed: false };

const DENIED: AccessDecision = { allowed: false };

export function decideAccess(actor: Actor | null, facts: ParticipantAccessFacts, action: AccessAction): AccessDecision {
  if (!actor || !actor.active || actor.membership !== 'full') return DENIED;
  if (actor.role === 'admin') return { allowed: true, basis: 'admin' };
  const leadsAnAssignedWorker =
    actor.role === 'supervisor' && facts.assignments.some((a) => a.supervisorId === actor.staffId);
  const isAssigned = facts.assignments.some((a) => a.staffId === actor.staffId);
  if (action === 'reassign') {
    // Moving a case is a supervisor's call, never the worker's own.
    return leadsAnAssignedWorker ? { allowed: true, basis: 'supervisor' } : DENIED;
  }
  if (isAssigned) return { allowed: true, basis: 'assigned' };
  if (leadsAnAssignedWorker) return { allowed: true, basis: 'supervisor' };
  return DENIED;
}

/** Reads by anyone who is not assigned, and every write, go to the audit log. */
export function mustAudit(decision: AccessDecision, action: AccessAction): boolean {
  return decision.allowed && (action !== 'read' || decision.basis !== 'assigned');
}

/**
 * The set of participants an actor may list or search, as the db layer turns it into SQL:
 * everyone (admin), or those assigned to any of `staffIds` (the actor, plus their team when
 * they supervise one). Must agree with `decideAccess(…, 'read')`; a test checks that.
 */
export type VisibilityScope = { kind: 'all' } | { kind: 'assigned-to'; staffIds: string[] } | { kind: 'none' };

export function visibilityScope(actor: Actor | null, teamMemberIds: readonly string[]): VisibilityScope {
  if (!actor || !actor.active || actor.membership !== 'full') return { kind: 'none' };
  if (actor.role === 'admin') return { kind: 'all' };
  const staffIds = actor.role === 'supervisor' ? [actor.staffId, ...teamMemberIds] : [actor.staffId];
  return { kind: 'assigned-to', staffIds: [...new Set(staffIds)] };
}

/** Who may manage staff (roles, teams, deactivation) and reassign whole caseloads. */
export function canManageWorker(actor: Actor | null, worker: { staffId: string; supervisorId: string | null }): boolean {
  if (!actor || !actor.active || actor.membership !== 'full') return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'supervisor' && worker.supervisorId === actor.staffId;
}

import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Role } from '../domain/access';
import type { Db } from './connection';
import { staff, type StaffRow } from './schema';

export interface SlackProfile {
  slackUserId: string;
  displayName: string;
  realName: string | null;
  tz: string | null;
}

export function getStaff(db: Db, slackUserId: string): StaffRow | undefined {
  return db.select().from(staff).where(eq(staff.slackUserId, slackUserId)).get();
}

/** Registers a full member on first use, or refreshes the name and zone Slack reports. */
export function upsertStaffProfile(db: Db, profile: SlackProfile, now: Date): StaffRow {
  const at = now.toISOString();
  return db
    .insert(staff)
    .values({ ...profile, profileRefreshedAt: at, createdAt: at })
    .onConflictDoUpdate({
      target: staff.slackUserId,
      set: { displayName: profile.displayName, realName: profile.realName, tz: profile.tz, profileRefreshedAt: at },
    })
    .returning()
    .get();
}

/** Marks a person inactive (left the agency, or no longer a full member of the workspace). */
export function deactivateStaff(db: Db, slackUserId: string, now: Date): void {
  db.update(staff).set({ active: false, deactivatedAt: now.toISOString() }).where(eq(staff.slackUserId, slackUserId)).run();
}

export function reactivateStaff(db: Db, slackUserId: string): void {
  db.update(staff).set({ active: true, deactivatedAt: null }).where(eq(staff.slackUserId, slackUserId)).run();
}

export function setStaffRole(db: Db, slackUserId: string, role: Role): void {
  db.update(staff).set({ role }).where(eq(staff.slackUserId, slackUserId)).run();
}

export function setSupervisor(db: Db, slackUserId: string, supervisorId: string | null): void {
  db.update(staff).set({ supervisorId }).where(eq(staff.slackUserId, slackUserId)).run();
}

export function teamMemberIds(db: Db, supervisorId: string): string[] {
  return db
    .select({ id: staff.slackUserId })
    .from(staff)
    .where(and(eq(staff.supervisorId, supervisorId)))
    .all()
    .map((r) => r.id);
}

export function listStaff(db: Db): StaffRow[] {
  return db.select().from(staff).orderBy(asc(staff.displayName)).all();
}

/** Staff rows are only ever full members; ADMIN_USER_IDS makes someone an admin whatever the row says. */
export function actorFor(row: StaffRow, adminUserIds: ReadonlySet<string>): Actor {
  return {
    staffId: row.slackUserId,
    role: adminUserIds.has(row.slackUserId) ? 'admin' : row.role,
    active: row.active,
    membership: 'full',
  };
}

/** The office a worker's face-to-face contacts happen at (the default location of a quick entry). */
export function setDefaultOffice(db: Db, slackUserId: string, office: string | null): void {
  db.update(staff).set({ defaultOffice: office }).where(eq(staff.slackUserId, slackUserId)).run();
}

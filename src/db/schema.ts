// The Drizzle schema. The whole model, including tables later issues add, is described in
// docs/data-model.md; only the tables in use are defined here. Change it only together with
// `npm run db:generate` (drizzle-kit), never by editing a shipped migration.
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Instants are ISO-8601 UTC strings (`2026-11-23T14:05:00.000Z`); calendar dates are `YYYY-MM-DD`. */
const instant = (name: string) => text(name);
const calendarDate = (name: string) => text(name);

export const staff = sqliteTable(
  'staff',
  {
    slackUserId: text('slack_user_id').primaryKey(),
    displayName: text('display_name').notNull(),
    realName: text('real_name'),
    /** IANA zone from users.info; null when Slack did not say (AGENCY_TZ applies). */
    tz: text('tz'),
    role: text('role', { enum: ['case_manager', 'supervisor', 'admin'] }).notNull().default('case_manager'),
    /** The supervisor who leads this worker's team. A supervisor sees their team's caseloads. */
    supervisorId: text('supervisor_id').references((): AnySQLiteColumn => staff.slackUserId),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    defaultOffice: text('default_office'),
    profileRefreshedAt: instant('profile_refreshed_at').notNull(),
    createdAt: instant('created_at').notNull(),
    deactivatedAt: instant('deactivated_at'),
  },
  (t) => [index('staff_supervisor_idx').on(t.supervisorId)],
);

export const participants = sqliteTable(
  'participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fullName: text('full_name').notNull(),
    preferredName: text('preferred_name'),
    /** Lower-cased, accent-free "full name | preferred name | MIS id", for substring search. */
    searchText: text('search_text').notNull(),
    preferredLanguage: text('preferred_language').notNull(),
    interpreterNeeded: integer('interpreter_needed', { mode: 'boolean' }).notNull().default(false),
    misId: text('mis_id'),
    phone: text('phone'),
    email: text('email'),
    preferredContactMethod: text('preferred_contact_method').notNull(),
    status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
    /** Date of the latest close or reopen (the enrollment date until then). */
    statusDate: calendarDate('status_date').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull().references(() => staff.slackUserId),
  },
  (t) => [uniqueIndex('participants_mis_id_unique').on(t.misId), index('participants_status_idx').on(t.status)],
);

export const enrollments = sqliteTable(
  'enrollments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    /** A program profile id (src/domain/profiles.ts). */
    profileId: text('profile_id').notNull(),
    enrollmentDate: calendarDate('enrollment_date').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('enrollments_participant_profile_unique').on(t.participantId, t.profileId)],
);

/** Who works a participant's case: exactly one primary case manager, any number of others. */
export const assignments = sqliteTable(
  'assignments',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.slackUserId),
    role: text('role', { enum: ['primary', 'secondary'] }).notNull(),
    assignedAt: instant('assigned_at').notNull(),
    assignedBy: text('assigned_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.staffId] }),
    index('assignments_staff_idx').on(t.staffId, t.participantId),
    uniqueIndex('assignments_one_primary').on(t.participantId).where(sql`role = 'primary'`),
  ],
);

/** Every close and reopen of a case, with its reason; participants.status holds the latest. */
export const participantStatusChanges = sqliteTable(
  'participant_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    status: text('status', { enum: ['active', 'closed'] }).notNull(),
    effectiveDate: calendarDate('effective_date').notNull(),
    reason: text('reason').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: instant('changed_at').notNull(),
  },
  (t) => [index('status_changes_participant_idx').on(t.participantId)],
);

/**
 * Append-only record of every write and of every read by someone who is not assigned to the
 * participant. Holds ids and field names only: never note bodies or participant names.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: instant('at').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** Why the actor was allowed: assigned, supervisor, admin, cli. */
    basis: text('basis').notNull(),
    detail: text('detail'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), check('audit_action_nonempty', sql`length(action) > 0`)],
);

export type StaffRow = typeof staff.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;

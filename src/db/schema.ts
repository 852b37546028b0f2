// The Drizzle schema. The whole model, including tables later issues add, is described in
// docs/data-model.md; only the tables in use are defined here. Change it only together with
// `npm run db:generate` (drizzle-kit), never by editing a shipped migration.
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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

// ---------------------------------------------------------------- #3 case notes

/** One documented contact, attempt or event. Append-only: a correction is an amendment. */
export const caseNotes = sqliteTable(
  'case_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    authorId: text('author_id')
      .notNull()
      .references(() => staff.slackUserId),
    source: text('source', { enum: ['quick_entry', 'modal', 'message_shortcut', 'irt_outcome', 'import'] }).notNull(),
    contactKind: text('contact_kind', { enum: ['participant', 'collateral', 'attempt'] }).notNull(),
    method: text('method').notNull(),
    collateralName: text('collateral_name'),
    collateralRelationship: text('collateral_relationship'),
    interactionAt: instant('interaction_at').notNull(),
    interactionTz: text('interaction_tz').notNull(),
    interactionDate: calendarDate('interaction_date').notNull(),
    interactionTimeKnown: integer('interaction_time_known', { mode: 'boolean' }).notNull(),
    enteredAt: instant('entered_at').notNull(),
    location: text('location').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    othersPresent: text('others_present'),
    nextSteps: text('next_steps'),
    nextAppointmentAt: instant('next_appointment_at'),
    nextAppointmentDate: calendarDate('next_appointment_date'),
    timeliness: text('timeliness', { enum: ['on_time', 'late_best_practice', 'late_out_of_compliance'] }).notNull(),
    noteDueDays: integer('note_due_days').notNull(),
    lateExplanation: text('late_explanation'),
    checkWarnings: text('check_warnings'),
    checkChoice: text('check_choice', { enum: ['none', 'revised', 'saved_anyway'] }).notNull(),
    sourcePermalink: text('source_permalink'),
    slackViewId: text('slack_view_id'),
    slackViewHash: text('slack_view_hash'),
    quickEntryHash: text('quick_entry_hash'),
  },
  (t) => [
    index('case_notes_participant_idx').on(t.participantId, t.interactionAt),
    // Covers the contact-due and appointment rules: the last local date per participant × kind × method.
    index('case_notes_contact_idx').on(t.participantId, t.contactKind, t.method, t.interactionDate),
    index('case_notes_author_entered_idx').on(t.authorId, t.enteredAt, t.timeliness),
    index('case_notes_appointment_idx').on(t.nextAppointmentDate, t.participantId).where(sql`next_appointment_date IS NOT NULL`),
    uniqueIndex('case_notes_view_unique').on(t.slackViewId, t.slackViewHash).where(sql`slack_view_id IS NOT NULL`),
    index('case_notes_quick_entry_idx').on(t.authorId, t.quickEntryHash, t.enteredAt).where(sql`quick_entry_hash IS NOT NULL`),
    check('case_notes_collateral_named', sql`contact_kind <> 'collateral' OR collateral_name IS NOT NULL`),
    check('case_notes_appointment_dated', sql`next_appointment_at IS NULL OR next_appointment_date IS NOT NULL`),
  ],
);

/** A correction to a note, shown under it wherever it is shown. Append-only. */
export const caseNoteAmendments = sqliteTable(
  'case_note_amendments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    noteId: integer('note_id')
      .notNull()
      .references(() => caseNotes.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    authorId: text('author_id')
      .notNull()
      .references(() => staff.slackUserId),
    amendedAt: instant('amended_at').notNull(),
    reason: text('reason').notNull(),
    text: text('text').notNull(),
    /** A next appointment added with "Add details" after a quick entry (the note itself never changes). */
    nextAppointmentAt: instant('next_appointment_at'),
    nextAppointmentDate: calendarDate('next_appointment_date'),
    checkWarnings: text('check_warnings'),
    checkChoice: text('check_choice', { enum: ['none', 'revised', 'saved_anyway'] }).notNull(),
    slackViewId: text('slack_view_id'),
    slackViewHash: text('slack_view_hash'),
  },
  (t) => [
    index('amendments_note_idx').on(t.noteId, t.id),
    index('amendments_appointment_idx').on(t.nextAppointmentDate, t.participantId).where(sql`next_appointment_date IS NOT NULL`),
    uniqueIndex('amendments_view_unique').on(t.slackViewId, t.slackViewHash).where(sql`slack_view_id IS NOT NULL`),
  ],
);

/** Hires and terminations recorded with a note; rows are never updated (a correction supersedes). */
export const employmentChanges = sqliteTable(
  'employment_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    noteId: integer('note_id')
      .notNull()
      .references(() => caseNotes.id),
    kind: text('kind', { enum: ['hired', 'terminated'] }).notNull(),
    employerName: text('employer_name').notNull(),
    jobTitle: text('job_title'),
    effectiveDate: calendarDate('effective_date').notNull(),
    wageCents: integer('wage_cents'),
    wagePeriod: text('wage_period', { enum: ['hour', 'week', 'month', 'year'] }),
    hoursPerWeek: real('hours_per_week'),
    supersedesId: integer('supersedes_id').references((): AnySQLiteColumn => employmentChanges.id),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('employment_participant_idx').on(t.participantId, t.effectiveDate)],
);

/** A need found in assessment, emerging from a note, or from an IRT; stays on the plan until met. */
export const needs = sqliteTable(
  'needs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    impact: text('impact'),
    source: text('source', { enum: ['assessment', 'emergent', 'irt'] }).notNull(),
    sourceNoteId: integer('source_note_id').references(() => caseNotes.id),
    /** #5: the assessment a need was found in (required when source = 'assessment'). */
    assessmentId: integer('assessment_id').references((): AnySQLiteColumn => assessments.id),
    status: text('status', { enum: ['open', 'being_addressed', 'met'] }).notNull().default('open'),
    metDate: calendarDate('met_date'),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('needs_participant_idx').on(t.participantId, t.status), check('needs_met_dated', sql`(status = 'met') = (met_date IS NOT NULL)`)],
);

/** Requests already handled (Events API retries, double-submitted modals); the only pruned table. */
export const processedSlackRequests = sqliteTable(
  'processed_slack_requests',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: ['event', 'view_submission'] }).notNull(),
    receivedAt: instant('received_at').notNull(),
    result: text('result'),
  },
  (t) => [index('processed_received_idx').on(t.receivedAt)],
);

export type CaseNoteRow = typeof caseNotes.$inferSelect;
export type CaseNoteAmendmentRow = typeof caseNoteAmendments.$inferSelect;

// ---------------------------------------------------------------- #4 due items and the digest

/** A person's snooze or explicit clear of a computed due item. Due items themselves are never stored. */
export const dueItemState = sqliteTable(
  'due_item_state',
  {
    /** `<rule id>:<participant id>:<subject or ->:<due date>`: a new due date is a new item. */
    itemKey: text('item_key').primaryKey(),
    ruleId: text('rule_id').notNull(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    dueDate: calendarDate('due_date').notNull(),
    snoozedUntil: calendarDate('snoozed_until'),
    snoozeReason: text('snooze_reason'),
    snoozedBy: text('snoozed_by'),
    snoozedAt: instant('snoozed_at'),
    clearedAt: instant('cleared_at'),
    clearedBy: text('cleared_by'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('due_state_participant_idx').on(t.participantId),
    check('due_state_snooze_explained', sql`snoozed_until IS NULL OR (snooze_reason IS NOT NULL AND snoozed_by IS NOT NULL)`),
  ],
);

/** One row per person who changed the defaults (08:00 on working days, in their own zone). */
export const digestSettings = sqliteTable('digest_settings', {
  staffId: text('staff_id')
    .primaryKey()
    .references(() => staff.slackUserId),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  localTime: text('local_time').notNull().default('08:00'),
  /** ISO weekdays, 1 = Monday … 7 = Sunday, comma-separated. */
  weekdays: text('weekdays').notNull().default('1,2,3,4,5'),
  skipHolidays: integer('skip_holidays', { mode: 'boolean' }).notNull().default(true),
  sendWhenEmpty: integer('send_when_empty', { mode: 'boolean' }).notNull().default(false),
  teamSummary: integer('team_summary', { mode: 'boolean' }).notNull().default(false),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Exactly one digest per person, local date and kind: claimed with a lease before sending. */
export const digestRuns = sqliteTable(
  'digest_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.slackUserId),
    localDate: calendarDate('local_date').notNull(),
    kind: text('kind', { enum: ['scheduled', 'manual'] }).notNull(),
    state: text('state', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: instant('lease_expires_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    slackChannelId: text('slack_channel_id'),
    slackMessageTs: text('slack_message_ts'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    uniqueIndex('digest_runs_unique').on(t.staffId, t.localDate, t.kind),
    index('digest_runs_open_idx').on(t.localDate, t.state).where(sql`state <> 'sent'`),
  ],
);

export type DigestSettingsRow = typeof digestSettings.$inferSelect;
export type DigestRunRow = typeof digestRuns.$inferSelect;

// ---------------------------------------------------------------- #5 the plan

export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    assessmentDate: calendarDate('assessment_date').notNull(),
    tool: text('tool', { enum: ['interview', 'form', 'casas', 'instrument', 'other'] }).notNull(),
    instrumentName: text('instrument_name'),
    summary: text('summary').notNull(),
    noteId: integer('note_id').references(() => caseNotes.id),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('assessments_participant_idx').on(t.participantId, t.assessmentDate)],
);

export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    term: text('term', { enum: ['long', 'short'] }).notNull(),
    parentGoalId: integer('parent_goal_id').references((): AnySQLiteColumn => goals.id),
    specific: text('specific').notNull(),
    measure: text('measure').notNull(),
    attainableRelevant: text('attainable_relevant').notNull(),
    targetDate: calendarDate('target_date').notNull(),
    status: text('status', { enum: ['open', 'achieved', 'discontinued'] }).notNull().default('open'),
    achievedDate: calendarDate('achieved_date'),
    isCmOutcome: integer('is_cm_outcome', { mode: 'boolean' }).notNull().default(false),
    /** An employment goal: under the refugee profile it is never a case-management outcome. */
    isEmployment: integer('is_employment', { mode: 'boolean' }).notNull().default(false),
    outcomeQuarter: text('outcome_quarter'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    index('goals_participant_idx').on(t.participantId, t.status, t.targetDate),
    index('goals_outcome_idx').on(t.participantId, t.outcomeQuarter).where(sql`is_cm_outcome = 1`),
    check('goals_achieved_dated', sql`(status = 'achieved') = (achieved_date IS NOT NULL)`),
    check('goals_outcome_quarter', sql`is_cm_outcome = 0 OR outcome_quarter IS NOT NULL`),
  ],
);

export const services = sqliteTable(
  'services',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    serviceCode: text('service_code').notNull(),
    serviceName: text('service_name').notNull(),
    providerKind: text('provider_kind', { enum: ['in_house', 'partner'] }).notNull(),
    providerName: text('provider_name'),
    providerPartnerId: integer('provider_partner_id').references((): AnySQLiteColumn => partners.id),
    startDate: calendarDate('start_date').notNull(),
    plannedEndDate: calendarDate('planned_end_date').notNull(),
    actualEndDate: calendarDate('actual_end_date'),
    status: text('status', { enum: ['active', 'completed', 'discontinued'] }).notNull().default('active'),
    needMet: integer('need_met', { mode: 'boolean' }),
    outcome: text('outcome'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    index('services_participant_idx').on(t.participantId, t.status, t.plannedEndDate),
    check('services_outcome_recorded', sql`status = 'active' OR (actual_end_date IS NOT NULL AND need_met IS NOT NULL AND outcome IS NOT NULL)`),
  ],
);

/** Every service answers a documented need (seeds 000, 002): inserted with the service, at least one. */
export const serviceNeeds = sqliteTable(
  'service_needs',
  {
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    needId: integer('need_id')
      .notNull()
      .references(() => needs.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.needId] }), index('service_needs_need_idx').on(t.needId)],
);

export const serviceExtensions = sqliteTable(
  'service_extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    participantId: integer('participant_id').notNull(),
    previousEndDate: calendarDate('previous_end_date').notNull(),
    newEndDate: calendarDate('new_end_date').notNull(),
    reason: text('reason').notNull(),
    extendedBy: text('extended_by').notNull(),
    extendedAt: instant('extended_at').notNull(),
  },
  (t) => [index('service_extensions_service_idx').on(t.serviceId)],
);

export const caseNoteServices = sqliteTable(
  'case_note_services',
  {
    noteId: integer('note_id')
      .notNull()
      .references(() => caseNotes.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    updateKind: text('update_kind', { enum: ['started', 'progress', 'completed'] }).notNull(),
    outcome: text('outcome'),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.serviceId] }),
    index('case_note_services_service_idx').on(t.serviceId, t.noteId),
    check('case_note_services_outcome', sql`update_kind <> 'completed' OR outcome IS NOT NULL`),
  ],
);

export const caseNoteGoals = sqliteTable(
  'case_note_goals',
  {
    noteId: integer('note_id')
      .notNull()
      .references(() => caseNotes.id),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id),
    progress: text('progress').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.goalId] }), index('case_note_goals_goal_idx').on(t.goalId)],
);

export const referrals = sqliteTable(
  'referrals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    partnerName: text('partner_name').notNull(),
    partnerId: integer('partner_id').references((): AnySQLiteColumn => partners.id),
    status: text('status', { enum: ['sent', 'accepted', 'completed', 'declined'] }).notNull().default('sent'),
    sentDate: calendarDate('sent_date').notNull(),
    statusDate: calendarDate('status_date').notNull(),
    reviewDate: calendarDate('review_date').notNull(),
    outcome: text('outcome'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('referrals_participant_idx').on(t.participantId, t.status, t.reviewDate)],
);

export const referralNeeds = sqliteTable(
  'referral_needs',
  {
    referralId: integer('referral_id')
      .notNull()
      .references(() => referrals.id),
    needId: integer('need_id')
      .notNull()
      .references(() => needs.id),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.needId] }), index('referral_needs_need_idx').on(t.needId)],
);

/** Every committed change to the plan makes a version, in the same transaction. */
export const planVersions = sqliteTable(
  'plan_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    versionNo: integer('version_no').notNull(),
    reason: text('reason', { enum: ['initial', 'update', 'review'] }).notNull(),
    changeSummary: text('change_summary').notNull(),
    planKinds: text('plan_kinds').notNull(),
    snapshotJson: text('snapshot_json').notNull(),
    pdfFileId: text('pdf_file_id'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('plan_versions_unique').on(t.participantId, t.versionNo)],
);

export const planVersionItems = sqliteTable(
  'plan_version_items',
  {
    planVersionId: integer('plan_version_id')
      .notNull()
      .references(() => planVersions.id),
    itemKind: text('item_kind', { enum: ['need', 'goal', 'service', 'referral'] }).notNull(),
    itemId: integer('item_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planVersionId, t.itemKind, t.itemId] }), index('plan_items_item_idx').on(t.itemKind, t.itemId, t.planVersionId)],
);

/** The participant's initials and date on a version ("copy given"): one per version. */
export const planAcknowledgments = sqliteTable(
  'plan_acknowledgments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planVersionId: integer('plan_version_id')
      .notNull()
      .references(() => planVersions.id),
    participantId: integer('participant_id').notNull(),
    initials: text('initials').notNull(),
    acknowledgedDate: calendarDate('acknowledged_date').notNull(),
    copyGiven: integer('copy_given', { mode: 'boolean' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('plan_acknowledgments_version_unique').on(t.planVersionId)],
);

export type GoalRow = typeof goals.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type NeedRow = typeof needs.$inferSelect;
export type PlanVersionRow = typeof planVersions.$inferSelect;

// ---------------------------------------------------------------- #6 partners, releases, IRT meetings

/** Agency directory data, not participant data: any active staff may read and add. */
export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    kind: text('kind', { enum: ['one_stop_partner', 'community_provider', 'public_assistance', 'employer', 'other'] }).notNull(),
    serviceArea: text('service_area'),
    phone: text('phone'),
    email: text('email'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('partners_name_key_unique').on(t.nameKey)],
);

export const partnerContacts = sqliteTable(
  'partner_contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    name: text('name').notNull(),
    title: text('title'),
    slackUserId: text('slack_user_id'),
    email: text('email'),
    phone: text('phone'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('partner_contacts_partner_idx').on(t.partnerId),
    uniqueIndex('partner_contacts_slack_user_unique').on(t.slackUserId).where(sql`slack_user_id IS NOT NULL`),
  ],
);

/** Release of information, participant × partner organization. Only the revoked_* columns are ever updated. */
export const releases = sqliteTable(
  'releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    signedDate: calendarDate('signed_date').notNull(),
    expiryDate: calendarDate('expiry_date').notNull(),
    shareContactDetails: integer('share_contact_details', { mode: 'boolean' }).notNull().default(false),
    shareEmploymentPlan: integer('share_employment_plan', { mode: 'boolean' }).notNull().default(false),
    shareAssessmentResults: integer('share_assessment_results', { mode: 'boolean' }).notNull().default(false),
    shareCaseNotes: integer('share_case_notes', { mode: 'boolean' }).notNull().default(false),
    shareMedical: integer('share_medical', { mode: 'boolean' }).notNull().default(false),
    revokedDate: calendarDate('revoked_date'),
    revokedReason: text('revoked_reason'),
    revokedBy: text('revoked_by'),
    documentLocation: text('document_location'),
    recordedAt: instant('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [
    index('releases_gate_idx').on(t.participantId, t.partnerId, t.expiryDate),
    check('releases_expiry_after_signed', sql`expiry_date > signed_date`),
  ],
);

export const irtMeetings = sqliteTable(
  'irt_meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id),
    organizerId: text('organizer_id')
      .notNull()
      .references(() => staff.slackUserId),
    reason: text('reason', { enum: ['needs', 'celebrate', 'other'] }).notNull(),
    reasonDetail: text('reason_detail'),
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    calledBy: text('called_by', { enum: ['participant', 'case_manager', 'partner', 'natural_support'] }).notNull(),
    status: text('status', { enum: ['planning', 'scheduled', 'held', 'cancelled'] }).notNull().default('planning'),
    locationKind: text('location_kind', { enum: ['in_person', 'phone', 'video'] }).notNull(),
    locationDetail: text('location_detail'),
    planningChannelId: text('planning_channel_id').notNull(),
    threadTs: text('thread_ts'),
    threadMode: text('thread_mode', { enum: ['full', 'logistics_only'] }),
    bringAssessment: integer('bring_assessment', { mode: 'boolean' }).notNull().default(false),
    bringPlan: integer('bring_plan', { mode: 'boolean' }).notNull().default(false),
    bringResources: integer('bring_resources', { mode: 'boolean' }).notNull().default(false),
    preferredCommunication: text('preferred_communication').notNull(),
    startsAt: instant('starts_at'),
    endsAt: instant('ends_at'),
    goalStatement: text('goal_statement'),
    strengths: text('strengths'),
    nextIrtDate: calendarDate('next_irt_date'),
    outcomeNoteId: integer('outcome_note_id').references(() => caseNotes.id),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('irt_participant_idx').on(t.participantId, t.startsAt),
    index('irt_organizer_idx').on(t.organizerId, t.startsAt),
    index('irt_scheduled_idx').on(t.startsAt).where(sql`status = 'scheduled'`),
  ],
);

export const irtAttendees = sqliteTable(
  'irt_attendees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => irtMeetings.id),
    kind: text('kind', { enum: ['participant', 'natural_support', 'partner_contact', 'staff'] }).notNull(),
    partnerContactId: integer('partner_contact_id').references(() => partnerContacts.id),
    staffId: text('staff_id').references(() => staff.slackUserId),
    name: text('name'),
    relationship: text('relationship'),
    email: text('email'),
    phone: text('phone'),
    slackUserId: text('slack_user_id'),
    attendance: text('attendance', { enum: ['unknown', 'attended', 'absent'] }).notNull().default('unknown'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('irt_attendees_meeting_idx').on(t.meetingId),
    uniqueIndex('irt_attendees_slack_user_unique').on(t.meetingId, t.slackUserId).where(sql`slack_user_id IS NOT NULL`),
    uniqueIndex('irt_attendees_contact_unique').on(t.meetingId, t.partnerContactId).where(sql`partner_contact_id IS NOT NULL`),
    uniqueIndex('irt_attendees_participant_unique').on(t.meetingId).where(sql`kind = 'participant'`),
  ],
);

export const irtSlots = sqliteTable(
  'irt_slots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => irtMeetings.id),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    round: integer('round').notNull(),
    confirmed: integer('confirmed', { mode: 'boolean' }).notNull().default(false),
    proposedAt: instant('proposed_at').notNull(),
  },
  (t) => [
    uniqueIndex('irt_slots_unique').on(t.meetingId, t.startsAt),
    uniqueIndex('irt_slots_confirmed_unique').on(t.meetingId).where(sql`confirmed = 1`),
  ],
);

export const irtAvailability = sqliteTable(
  'irt_availability',
  {
    slotId: integer('slot_id')
      .notNull()
      .references(() => irtSlots.id),
    attendeeId: integer('attendee_id')
      .notNull()
      .references(() => irtAttendees.id),
    answer: text('answer', { enum: ['available', 'unavailable'] }).notNull(),
    answeredAt: instant('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.attendeeId] })],
);

export const irtActionItems = sqliteTable(
  'irt_action_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => irtMeetings.id),
    participantId: integer('participant_id').notNull(),
    description: text('description').notNull(),
    responsibleKind: text('responsible_kind', { enum: ['staff', 'partner_contact', 'participant', 'natural_support'] }).notNull(),
    responsibleAttendeeId: integer('responsible_attendee_id').references(() => irtAttendees.id),
    responsibleName: text('responsible_name').notNull(),
    responsibleSlackUserId: text('responsible_slack_user_id'),
    dueDate: calendarDate('due_date').notNull(),
    status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
    doneAt: instant('done_at'),
    doneBy: text('done_by'),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('irt_action_items_participant_idx').on(t.participantId, t.status, t.dueDate),
    index('irt_action_items_open_due_idx').on(t.dueDate).where(sql`status = 'open'`),
  ],
);

export const irtReminders = sqliteTable(
  'irt_reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reminderKey: text('reminder_key').notNull(),
    kind: text('kind', { enum: ['meeting_24h', 'action_item_due'] }).notNull(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => irtMeetings.id),
    actionItemId: integer('action_item_id').references(() => irtActionItems.id),
    recipient: text('recipient').notNull(),
    state: text('state', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: instant('lease_expires_at'),
    attempts: integer('attempts').notNull().default(0),
    sentAt: instant('sent_at'),
    slackMessageTs: text('slack_message_ts'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('irt_reminders_key_unique').on(t.reminderKey)],
);

export type PartnerRow = typeof partners.$inferSelect;
export type PartnerContactRow = typeof partnerContacts.$inferSelect;
export type ReleaseRow = typeof releases.$inferSelect;
export type IrtMeetingRow = typeof irtMeetings.$inferSelect;
export type IrtAttendeeRow = typeof irtAttendees.$inferSelect;
export type IrtSlotRow = typeof irtSlots.$inferSelect;
export type IrtActionItemRow = typeof irtActionItems.$inferSelect;

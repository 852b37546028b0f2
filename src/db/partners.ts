// The partner directory: organizations (One-Stop partners, community providers, public
// assistance, employers) and their contacts. Agency directory data, not participant data: any
// active staff member may read and add to it; every change is audited as entity='partner' with
// field names only. One Slack user is a contact of at most one partner, so the release gate can
// tell who a channel member speaks for.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../domain/access';
import { foldForSearch } from '../domain/text';
import { recordAudit } from './audit';
import { inTransaction, type Db } from './connection';
import { partnerContacts, partners } from './schema';

export const PARTNER_KINDS = ['one_stop_partner', 'community_provider', 'public_assistance', 'employer', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  one_stop_partner: 'One-Stop partner',
  community_provider: 'Community provider',
  public_assistance: 'Public assistance agency',
  employer: 'Employer',
  other: 'Other',
};
export function isPartnerKind(value: string): value is PartnerKind {
  return (PARTNER_KINDS as readonly string[]).includes(value);
}

export type PartnerRow = typeof partners.$inferSelect;
export type PartnerContactRow = typeof partnerContacts.$inferSelect;
export type PartnerWithContacts = PartnerRow & { contacts: PartnerContactRow[] };

export interface PartnerInput {
  name: string;
  kind: PartnerKind;
  serviceArea?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface ContactInput {
  name: string;
  title?: string | null;
  /** A Slack user id (`U…`/`W…`) when the person is in the workspace or a shared channel. */
  slackUserId?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** Problems keyed by input field name (`name`, `kind`, `serviceArea`, `phone`, `email`, `title`, `slackUserId`). */
export type DirectoryErrors = Record<string, string>;
export type DirectoryResult<T extends object = object> = ({ kind: 'ok' } & T) | { kind: 'not-found' } | { kind: 'invalid'; errors: DirectoryErrors };

const NOT_FOUND = { kind: 'not-found' } as const;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Any active staff member who is a full member of the workspace (the CLI acts as an admin). */
export function mayUseDirectory(actor: Actor | null): actor is Actor {
  return !!actor && actor.active && actor.membership === 'full';
}

const clean = (v: string | null | undefined): string | null => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

function textProblem(errors: DirectoryErrors, field: string, value: string | null, what: string, max: number): void {
  if (value !== null && value.length > max) errors[field] = `Keep ${what} under ${max} characters.`;
}

/** Shape checks of an organization, in words a case manager understands. */
export function partnerInputProblems(input: PartnerInput): DirectoryErrors {
  const errors: DirectoryErrors = {};
  const name = clean(input.name);
  if (!name) errors['name'] = 'Enter the organization’s name.';
  else textProblem(errors, 'name', name, 'the name', 200);
  if (!isPartnerKind(String(input.kind))) errors['kind'] = 'Pick the kind of organization.';
  textProblem(errors, 'serviceArea', clean(input.serviceArea), 'the program or service area', 300);
  textProblem(errors, 'phone', clean(input.phone), 'the phone number', 50);
  const email = clean(input.email);
  if (email && !EMAIL.test(email)) errors['email'] = 'That does not look like an email address (name@example.org).';
  else textProblem(errors, 'email', email, 'the email address', 200);
  return errors;
}

/** Shape checks of a contact. */
export function contactInputProblems(input: ContactInput): DirectoryErrors {
  const errors: DirectoryErrors = {};
  const name = clean(input.name);
  if (!name) errors['name'] = 'Enter the contact’s name.';
  else textProblem(errors, 'name', name, 'the name', 200);
  textProblem(errors, 'title', clean(input.title), 'the title', 200);
  const slack = clean(input.slackUserId);
  if (slack && !SLACK_USER_ID.test(slack)) errors['slackUserId'] = 'That is not a Slack user id (it looks like U012ABCDEF).';
  textProblem(errors, 'phone', clean(input.phone), 'the phone number', 50);
  const email = clean(input.email);
  if (email && !EMAIL.test(email)) errors['email'] = 'That does not look like an email address (name@example.org).';
  else textProblem(errors, 'email', email, 'the email address', 200);
  return errors;
}

const hasErrors = (e: DirectoryErrors) => Object.keys(e).length > 0;

function audit(db: Db, actor: Actor, now: Date, partnerId: number, action: string, detail: Record<string, string | number | boolean | null>): void {
  recordAudit(db, now, [{ actorId: actor.staffId, action, entity: 'partner', entityId: partnerId, basis: actor.staffId === 'cli' ? 'cli' : 'staff', detail }]);
}

function partnerValues(input: PartnerInput) {
  const name = clean(input.name)!;
  return { name, nameKey: foldForSearch(name), kind: input.kind, serviceArea: clean(input.serviceArea), phone: clean(input.phone), email: clean(input.email) };
}

function contactValues(input: ContactInput) {
  return { name: clean(input.name)!, title: clean(input.title), slackUserId: clean(input.slackUserId), email: clean(input.email), phone: clean(input.phone) };
}

function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.entries(after)
    .filter(([k, v]) => before[k] !== v)
    .map(([k]) => k);
}

/** The "already in the directory" answer for a name taken by another organization, or null. */
function nameTakenProblem(db: Db, name: string, exceptId: number | null): string | null {
  const existing = db.select().from(partners).where(eq(partners.nameKey, foldForSearch(name))).get();
  if (!existing || existing.id === exceptId) return null;
  return existing.active
    ? `${existing.name} is already in the directory.`
    : `${existing.name} is already in the directory (turned off): edit it and turn it back on instead.`;
}

/** The answer for a Slack user who is already another contact, or null. */
function slackUserTakenProblem(db: Db, slackUserId: string | null, exceptContactId: number | null): string | null {
  if (!slackUserId) return null;
  const existing = db
    .select({ id: partnerContacts.id, partnerName: partners.name, active: partnerContacts.active })
    .from(partnerContacts)
    .innerJoin(partners, eq(partners.id, partnerContacts.partnerId))
    .where(eq(partnerContacts.slackUserId, slackUserId))
    .get();
  if (!existing || existing.id === exceptContactId) return null;
  return `That Slack user is already ${existing.active ? '' : 'a former '}contact of ${existing.partnerName}: one person speaks for one organization. ${existing.active ? 'Edit that contact instead.' : 'Remove the Slack user from that contact first.'}`;
}

// ---------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------

export function addPartner(db: Db, actor: Actor, input: PartnerInput, now: Date): DirectoryResult<{ partnerId: number }> {
  if (!mayUseDirectory(actor)) return NOT_FOUND;
  return inTransaction(db, () => {
    const errors = partnerInputProblems(input);
    if (!errors['name']) {
      const taken = nameTakenProblem(db, input.name, null);
      if (taken) errors['name'] = taken;
    }
    if (hasErrors(errors)) return { kind: 'invalid', errors };
    const at = now.toISOString();
    const partnerId = db
      .insert(partners)
      .values({ ...partnerValues(input), active: true, createdAt: at, createdBy: actor.staffId, updatedAt: at, updatedBy: actor.staffId })
      .returning({ id: partners.id })
      .get().id;
    audit(db, actor, now, partnerId, 'partner-add', { partner: partnerId });
    return { kind: 'ok', partnerId };
  });
}

/** Replaces the organization's details (an empty field is cleared); `active` turns it off or back on. */
export function updatePartner(db: Db, actor: Actor, partnerId: number, input: PartnerInput & { active?: boolean }, now: Date): DirectoryResult<{ changed: string[] }> {
  if (!mayUseDirectory(actor)) return NOT_FOUND;
  return inTransaction(db, () => {
    const before = db.select().from(partners).where(eq(partners.id, partnerId)).get();
    if (!before) return NOT_FOUND;
    const errors = partnerInputProblems(input);
    if (!errors['name']) {
      const taken = nameTakenProblem(db, input.name, partnerId);
      if (taken) errors['name'] = taken;
    }
    if (hasErrors(errors)) return { kind: 'invalid', errors };
    const values = { ...partnerValues(input), ...(input.active !== undefined ? { active: input.active } : {}) };
    const changed = changedFields(before, values).filter((f) => f !== 'nameKey');
    if (changed.length === 0) return { kind: 'ok', changed };
    db.update(partners).set({ ...values, updatedAt: now.toISOString(), updatedBy: actor.staffId }).where(eq(partners.id, partnerId)).run();
    audit(db, actor, now, partnerId, 'partner-update', { partner: partnerId, fields: changed.join(',') });
    return { kind: 'ok', changed };
  });
}

/** Turns an organization off (kept for the releases and meetings that name it) or back on. */
export function setPartnerActive(db: Db, actor: Actor, partnerId: number, active: boolean, now: Date): DirectoryResult {
  if (!mayUseDirectory(actor)) return NOT_FOUND;
  return inTransaction(db, () => {
    const before = db.select().from(partners).where(eq(partners.id, partnerId)).get();
    if (!before) return NOT_FOUND;
    if (before.active === active) return { kind: 'ok' };
    db.update(partners).set({ active, updatedAt: now.toISOString(), updatedBy: actor.staffId }).where(eq(partners.id, partnerId)).run();
    audit(db, actor, now, partnerId, active ? 'partner-reactivate' : 'partner-deactivate', { partner: partnerId });
    return { kind: 'ok' };
  });
}

// ---------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------

export function addContact(db: Db, actor: Actor, partnerId: number, input: ContactInput, now: Date): DirectoryResult<{ contactId: number }> {
  if (!mayUseDirectory(actor)) return NOT_FOUND;
  return inTransaction(db, () => {
    const partner = db.select().from(partners).where(eq(partners.id, partnerId)).get();
    if (!partner) return NOT_FOUND;
    const errors = contactInputProblems(input);
    if (!partner.active) errors['name'] = `${partner.name} is turned off in the directory: turn it back on before adding contacts.`;
    if (!errors['slackUserId']) {
      const taken = slackUserTakenProblem(db, clean(input.slackUserId), null);
      if (taken) errors['slackUserId'] = taken;
    }
    if (hasErrors(errors)) return { kind: 'invalid', errors };
    const at = now.toISOString();
    const contactId = db
      .insert(partnerContacts)
      .values({ partnerId, ...contactValues(input), active: true, createdAt: at, updatedAt: at })
      .returning({ id: partnerContacts.id })
      .get().id;
    audit(db, actor, now, partnerId, 'partner-contact-add', { partner: partnerId, contact: contactId, slackUser: !!clean(input.slackUserId) });
    return { kind: 'ok', contactId };
  });
}

/** Replaces the contact's details (an empty field is cleared); `active` turns the contact off or back on. */
export function updateContact(db: Db, actor: Actor, contactId: number, input: ContactInput & { active?: boolean }, now: Date): DirectoryResult<{ changed: string[] }> {
  if (!mayUseDirectory(actor)) return NOT_FOUND;
  return inTransaction(db, () => {
    const before = db.select().from(partnerContacts).where(eq(partnerContacts.id, contactId)).get();
    if (!before) return NOT_FOUND;
    const errors = contactInputProblems(input);
    if (!errors['slackUserId']) {
      const taken = slackUserTakenProblem(db, clean(input.slackUserId), contactId);
      if (taken) errors['slackUserId'] = taken;
    }
    if (hasErrors(errors)) return { kind: 'invalid', errors };
    const values = { ...contactValues(input), ...(input.active !== undefined ? { active: input.active } : {}) };
    const changed = changedFields(before, values);
    if (changed.length === 0) return { kind: 'ok', changed };
    db.update(partnerContacts).set({ ...values, updatedAt: now.toISOString() }).where(eq(partnerContacts.id, contactId)).run();
    audit(db, actor, now, before.partnerId, 'partner-contact-update', { partner: before.partnerId, contact: contactId, fields: changed.join(',') });
    return { kind: 'ok', changed };
  });
}

export function setContactActive(db: Db, actor: Actor, contactId: number, active: boolean, now: Date): DirectoryResult {
  if (!mayUseDirectory(actor)) return NOT_FOUND;
  return inTransaction(db, () => {
    const before = db.select().from(partnerContacts).where(eq(partnerContacts.id, contactId)).get();
    if (!before) return NOT_FOUND;
    if (before.active === active) return { kind: 'ok' };
    db.update(partnerContacts).set({ active, updatedAt: now.toISOString() }).where(eq(partnerContacts.id, contactId)).run();
    audit(db, actor, now, before.partnerId, active ? 'partner-contact-reactivate' : 'partner-contact-deactivate', { partner: before.partnerId, contact: contactId });
    return { kind: 'ok' };
  });
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

function withContacts(db: Db, rows: PartnerRow[], opts: { includeInactiveContacts?: boolean } = {}): PartnerWithContacts[] {
  if (rows.length === 0) return [];
  const contacts = db
    .select()
    .from(partnerContacts)
    .where(and(inArray(partnerContacts.partnerId, rows.map((r) => r.id)), opts.includeInactiveContacts ? undefined : eq(partnerContacts.active, true)))
    .orderBy(asc(partnerContacts.name), asc(partnerContacts.id))
    .all();
  return rows.map((r) => ({ ...r, contacts: contacts.filter((c) => c.partnerId === r.id) }));
}

export function getPartner(db: Db, partnerId: number, opts: { includeInactiveContacts?: boolean } = {}): PartnerWithContacts | null {
  const row = db.select().from(partners).where(eq(partners.id, partnerId)).get();
  return row ? withContacts(db, [row], opts)[0]! : null;
}

export function getContact(db: Db, contactId: number): PartnerContactRow | null {
  return db.select().from(partnerContacts).where(eq(partnerContacts.id, contactId)).get() ?? null;
}

function nameMatch(query: string | undefined) {
  const q = foldForSearch(query ?? '');
  return q ? sql`${partners.nameKey} like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'` : undefined;
}

/**
 * A page of the directory, by name: active organizations (all of them with `includeInactive`),
 * each with its active contacts; `query` matches part of the name (case and accents ignored).
 */
export function listPartners(
  db: Db,
  opts: { query?: string; offset: number; limit: number; includeInactive?: boolean; includeInactiveContacts?: boolean },
): { partners: PartnerWithContacts[]; total: number } {
  const where = and(opts.includeInactive ? undefined : eq(partners.active, true), nameMatch(opts.query));
  const total = db.select({ n: count() }).from(partners).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(partners)
    .where(where)
    .orderBy(sql`${partners.active} desc`, asc(partners.nameKey), asc(partners.id))
    .limit(opts.limit)
    .offset(opts.offset)
    .all();
  return { partners: withContacts(db, rows, { includeInactiveContacts: opts.includeInactiveContacts ?? false }), total };
}

/** Where an organization falls in the directory's order (active first, then by name), or null. */
export function directoryPosition(db: Db, partnerId: number, opts: { includeInactive?: boolean } = {}): number | null {
  const p = db.select().from(partners).where(eq(partners.id, partnerId)).get();
  if (!p || (!p.active && !opts.includeInactive)) return null;
  const before = db
    .select({ n: count() })
    .from(partners)
    .where(
      and(
        opts.includeInactive ? undefined : eq(partners.active, true),
        sql`(${partners.active} > ${p.active ? 1 : 0} or (${partners.active} = ${p.active ? 1 : 0} and (${partners.nameKey} < ${p.nameKey} or (${partners.nameKey} = ${p.nameKey} and ${partners.id} < ${p.id}))))`,
      ),
    )
    .get();
  return before?.n ?? 0;
}

/** Active organizations whose name contains `query`, for pickers. */
export function searchPartners(db: Db, query: string, limit: number): PartnerRow[] {
  return db.select().from(partners).where(and(eq(partners.active, true), nameMatch(query))).orderBy(asc(partners.nameKey), asc(partners.id)).limit(limit).all();
}

/** Names of the given organizations (active or not), for labels. */
export function partnerNames(db: Db, partnerIds: readonly number[]): Map<number, string> {
  const ids = [...new Set(partnerIds)];
  if (ids.length === 0) return new Map();
  return new Map(db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ids)).all().map((r) => [r.id, r.name]));
}

/**
 * Which of these Slack users speak for a partner organization: active contacts of active
 * partners only. A deactivated contact (someone who left the organization) or a contact of a
 * turned-off partner is not mapped, so the gate treats them as unknown — the stricter answer.
 */
export function partnerContactBySlackUser(db: Db, userIds: readonly string[]): Map<string, { contactId: number; partnerId: number }> {
  const ids = [...new Set(userIds)];
  const out = new Map<string, { contactId: number; partnerId: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select({ slackUserId: partnerContacts.slackUserId, contactId: partnerContacts.id, partnerId: partnerContacts.partnerId })
      .from(partnerContacts)
      .innerJoin(partners, eq(partners.id, partnerContacts.partnerId))
      .where(and(inArray(partnerContacts.slackUserId, ids.slice(i, i + 500)), eq(partnerContacts.active, true), eq(partners.active, true)))
      .all();
    for (const r of rows) if (r.slackUserId) out.set(r.slackUserId, { contactId: r.contactId, partnerId: r.partnerId });
  }
  return out;
}

// ---------------------------------------------------------------------------
// CSV import and export (src/cli/partners.ts parses and prints; the rules are here)
// ---------------------------------------------------------------------------

/** One CSV row: an organization, and optionally one of its contacts. */
export interface DirectoryRow {
  organization: string;
  kind: string;
  serviceArea: string | null;
  orgPhone: string | null;
  orgEmail: string | null;
  contactName: string | null;
  contactTitle: string | null;
  contactSlackUserId: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** Every active organization, one row per active contact (an organization without contacts: one row). */
export function directoryRows(db: Db): DirectoryRow[] {
  const all = withContacts(db, db.select().from(partners).where(eq(partners.active, true)).orderBy(asc(partners.nameKey), asc(partners.id)).all());
  return all.flatMap((p): DirectoryRow[] => {
    const org = { organization: p.name, kind: p.kind, serviceArea: p.serviceArea, orgPhone: p.phone, orgEmail: p.email };
    const none = { contactName: null, contactTitle: null, contactSlackUserId: null, contactEmail: null, contactPhone: null };
    if (p.contacts.length === 0) return [{ ...org, ...none }];
    return p.contacts.map((c) => ({ ...org, contactName: c.name, contactTitle: c.title, contactSlackUserId: c.slackUserId, contactEmail: c.email, contactPhone: c.phone }));
  });
}

export interface ImportSummary {
  partnersAdded: number;
  partnersUpdated: number;
  partnersUnchanged: number;
  contactsAdded: number;
  contactsUpdated: number;
  contactsUnchanged: number;
}
export type ImportResult = ({ kind: 'ok' } & ImportSummary) | { kind: 'invalid'; problems: Array<{ line: number; message: string }> };

class RollBack extends Error {}

const FIELD_WORDS: Record<string, string> = {
  name: 'organization',
  kind: 'kind',
  serviceArea: 'service_area',
  phone: 'phone',
  email: 'email',
  title: 'contact_title',
  slackUserId: 'contact_slack_user_id',
};

/**
 * Imports directory rows (each with the file line it came from) in one transaction: every row
 * is checked first, and if any is bad nothing is written. Organizations match by name (case and
 * accents ignored); contacts within their organization by Slack user id, then email, then name.
 * A filled cell updates the stored value, an empty one leaves it; active flags are untouched.
 * Running the same file twice changes nothing the second time.
 */
export function importDirectory(db: Db, actor: Actor, rows: ReadonlyArray<DirectoryRow & { line: number }>, now: Date): ImportResult {
  const problems: Array<{ line: number; message: string }> = [];
  const problem = (line: number, message: string) => problems.push({ line, message });

  // 1. Each row on its own, and the file against itself.
  const orgSeen = new Map<string, { line: number; kind: string; serviceArea: string | null; phone: string | null; email: string | null }>();
  const slackSeen = new Map<string, { line: number; orgKey: string }>();
  for (const row of rows) {
    const orgErrors = partnerInputProblems({ name: row.organization, kind: row.kind as PartnerKind, serviceArea: row.serviceArea, phone: row.orgPhone, email: row.orgEmail });
    for (const [field, message] of Object.entries(orgErrors)) {
      const column = field === 'phone' ? 'org_phone' : field === 'email' ? 'org_email' : FIELD_WORDS[field];
      problem(row.line, `${column}: ${field === 'kind' ? `must be one of ${PARTNER_KINDS.join(', ')}` : message}`);
    }
    const hasContact = [row.contactName, row.contactTitle, row.contactSlackUserId, row.contactEmail, row.contactPhone].some((v) => clean(v));
    if (hasContact) {
      const contactErrors = contactInputProblems({ name: row.contactName ?? '', title: row.contactTitle, slackUserId: row.contactSlackUserId, email: row.contactEmail, phone: row.contactPhone });
      for (const [field, message] of Object.entries(contactErrors)) problem(row.line, `contact_${field === 'slackUserId' ? 'slack_user_id' : field}: ${message}`);
    }
    if (hasErrors(orgErrors)) continue;
    const key = foldForSearch(row.organization);
    const org = { line: row.line, kind: row.kind, serviceArea: clean(row.serviceArea), phone: clean(row.orgPhone), email: clean(row.orgEmail) };
    const first = orgSeen.get(key);
    if (!first) orgSeen.set(key, org);
    else {
      const differs = (['kind', 'serviceArea', 'phone', 'email'] as const).filter((f) => org[f] !== null && first[f] !== null && org[f] !== first[f]);
      if (differs.length) problem(row.line, `the organization's ${differs.map((f) => (f === 'serviceArea' ? 'service_area' : f === 'kind' ? 'kind' : `org_${f}`)).join(', ')} differ from line ${first.line}`);
    }
    const slack = clean(row.contactSlackUserId);
    if (slack) {
      const seen = slackSeen.get(slack);
      if (seen && seen.orgKey !== key) problem(row.line, `contact_slack_user_id: ${slack} is also a contact of another organization on line ${seen.line}; one person speaks for one organization`);
      else if (!seen) slackSeen.set(slack, { line: row.line, orgKey: key });
    }
  }
  if (problems.length) return { kind: 'invalid', problems };

  // 2. Against the directory, writing as it goes; any conflict rolls everything back.
  const summary: ImportSummary = { partnersAdded: 0, partnersUpdated: 0, partnersUnchanged: 0, contactsAdded: 0, contactsUpdated: 0, contactsUnchanged: 0 };
  const touchedPartners = new Map<number, 'added' | 'updated' | 'unchanged'>();
  const touchedContacts = new Map<number, 'added' | 'updated' | 'unchanged'>();
  const note = <K>(map: Map<K, 'added' | 'updated' | 'unchanged'>, id: K, what: 'added' | 'updated' | 'unchanged') => {
    const before = map.get(id);
    if (!before || before === 'unchanged') map.set(id, what === 'unchanged' && before ? before : what);
  };
  try {
    inTransaction(db, () => {
      for (const row of rows) {
        const existing = db.select().from(partners).where(eq(partners.nameKey, foldForSearch(row.organization))).get();
        let partnerId: number;
        if (!existing) {
          const added = addPartner(db, actor, { name: row.organization, kind: row.kind as PartnerKind, serviceArea: row.serviceArea, phone: row.orgPhone, email: row.orgEmail }, now);
          if (added.kind !== 'ok') throw new Error('partner could not be added');
          partnerId = added.partnerId;
          note(touchedPartners, partnerId, 'added');
        } else {
          partnerId = existing.id;
          const merged: PartnerInput = {
            name: existing.name,
            kind: row.kind as PartnerKind,
            serviceArea: clean(row.serviceArea) ?? existing.serviceArea,
            phone: clean(row.orgPhone) ?? existing.phone,
            email: clean(row.orgEmail) ?? existing.email,
          };
          const updated = updatePartner(db, actor, partnerId, merged, now);
          if (updated.kind !== 'ok') throw new Error('partner could not be updated');
          note(touchedPartners, partnerId, updated.changed.length ? 'updated' : 'unchanged');
        }

        const contactName = clean(row.contactName);
        if (!contactName) continue;
        const slack = clean(row.contactSlackUserId);
        const email = clean(row.contactEmail);
        const ofPartner = db.select().from(partnerContacts).where(eq(partnerContacts.partnerId, partnerId)).all();
        let match: PartnerContactRow | undefined;
        if (slack) {
          const bySlack = db.select().from(partnerContacts).where(eq(partnerContacts.slackUserId, slack)).get();
          if (bySlack && bySlack.partnerId !== partnerId) {
            const other = db.select({ name: partners.name }).from(partners).where(eq(partners.id, bySlack.partnerId)).get();
            problem(row.line, `contact_slack_user_id: ${slack} is already a contact of ${other?.name ?? 'another organization'}; one person speaks for one organization`);
            continue;
          }
          match = bySlack;
        }
        match ??= email ? ofPartner.find((c) => c.email?.toLowerCase() === email.toLowerCase()) : undefined;
        // By name only when nothing tells the two apart: two people of one name, each with their
        // own email or Slack user, are two contacts.
        match ??= ofPartner.find((c) => foldForSearch(c.name) === foldForSearch(contactName) && ((!slack && !email) || (!c.email && !c.slackUserId)));
        if (match && slack && match.slackUserId && match.slackUserId !== slack) {
          problem(row.line, `contact_slack_user_id: ${contactName} is already in the directory with Slack user ${match.slackUserId}`);
          continue;
        }
        const input: ContactInput = { name: contactName, title: row.contactTitle, slackUserId: slack, email, phone: row.contactPhone };
        if (!match) {
          const added = addContact(db, actor, partnerId, input, now);
          if (added.kind === 'invalid') {
            for (const [field, message] of Object.entries(added.errors)) problem(row.line, `contact_${field === 'slackUserId' ? 'slack_user_id' : field}: ${message}`);
            continue;
          }
          if (added.kind !== 'ok') throw new Error('contact could not be added');
          note(touchedContacts, added.contactId, 'added');
        } else {
          const merged: ContactInput = {
            name: match.name,
            title: clean(row.contactTitle) ?? match.title,
            slackUserId: slack ?? match.slackUserId,
            email: email ?? match.email,
            phone: clean(row.contactPhone) ?? match.phone,
          };
          const updated = updateContact(db, actor, match.id, merged, now);
          if (updated.kind === 'invalid') {
            for (const [field, message] of Object.entries(updated.errors)) problem(row.line, `contact_${field === 'slackUserId' ? 'slack_user_id' : field}: ${message}`);
            continue;
          }
          if (updated.kind !== 'ok') throw new Error('contact could not be updated');
          note(touchedContacts, match.id, updated.changed.length ? 'updated' : 'unchanged');
        }
      }
      if (problems.length) throw new RollBack();
    });
  } catch (err) {
    if (err instanceof RollBack) return { kind: 'invalid', problems };
    throw err;
  }
  for (const what of touchedPartners.values()) summary[what === 'added' ? 'partnersAdded' : what === 'updated' ? 'partnersUpdated' : 'partnersUnchanged']++;
  for (const what of touchedContacts.values()) summary[what === 'added' ? 'contactsAdded' : what === 'updated' ? 'contactsUpdated' : 'contactsUnchanged']++;
  return { kind: 'ok', ...summary };
}

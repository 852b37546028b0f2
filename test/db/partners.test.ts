// The partner directory on a real SQLite file: organizations and contacts any active staff member
// may add, no duplicate organizations, one Slack user per organization, audit rows of ids and
// field names only, and the CSV import that writes everything or nothing.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addContact,
  addPartner,
  directoryRows,
  getPartner,
  importDirectory,
  listPartners,
  partnerContactBySlackUser,
  searchPartners,
  setContactActive,
  setPartnerActive,
  updateContact,
  updatePartner,
  type DirectoryRow,
} from '../../src/db/partners';
import { auditLog, partnerContacts, partners } from '../../src/db/schema';
import { actorFor, deactivateStaff, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import { addStaff, tempDatabase } from '../harness/db';

const NOW = new Date('2026-11-23T16:00:00Z');
const CLI: Actor = { staffId: 'cli', role: 'admin', active: true, membership: 'full' };

describe('the partner directory', () => {
  let t: ReturnType<typeof tempDatabase>;
  let worker: Actor;

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'W1', { name: 'Dana' });
    worker = actorFor(getStaff(t.db, 'W1')!, new Set());
  });
  afterEach(() => t.cleanup());

  const add = (name: string, extra: Partial<Parameters<typeof addPartner>[2]> = {}) => {
    const r = addPartner(t.db, worker, { name, kind: 'community_provider', ...extra }, NOW);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    return r.partnerId;
  };

  it('any active staff member adds an organization; the audit row names the partner id, never the name', () => {
    const id = add('  Goodwill   Industries ', { serviceArea: 'Job training', phone: '555-0100', email: 'intake@goodwill.example' });
    expect(getPartner(t.db, id)).toMatchObject({ name: 'Goodwill Industries', nameKey: 'goodwill industries', kind: 'community_provider', serviceArea: 'Job training', active: true, createdBy: 'W1', contacts: [] });
    const audit = t.db.select().from(auditLog).all();
    expect(audit).toEqual([expect.objectContaining({ actorId: 'W1', action: 'partner-add', entity: 'partner', entityId: String(id), basis: 'staff' })]);
    expect(JSON.stringify(audit)).not.toContain('Goodwill');
  });

  it('refuses the same organization twice, whatever the case or accents, and says it is already in the directory', () => {
    add('Centro Hispano');
    const again = addPartner(t.db, worker, { name: 'CENTRO  HISPANO', kind: 'other' }, NOW);
    expect(again).toEqual({ kind: 'invalid', errors: { name: 'Centro Hispano is already in the directory.' } });
    const accented = addPartner(t.db, worker, { name: 'Céntro Hispano', kind: 'other' }, NOW);
    expect(accented.kind).toBe('invalid');
    expect(t.db.select().from(partners).all()).toHaveLength(1);
  });

  it('checks the fields in plain words', () => {
    const r = addPartner(t.db, worker, { name: ' ', kind: 'charity' as never, email: 'not-an-email' }, NOW);
    expect(r).toEqual({ kind: 'invalid', errors: { name: 'Enter the organization’s name.', kind: 'Pick the kind of organization.', email: expect.stringContaining('email address') } });
  });

  it('an inactive staff member cannot touch the directory', () => {
    deactivateStaff(t.db, 'W1', NOW);
    const inactive = actorFor(getStaff(t.db, 'W1')!, new Set());
    expect(addPartner(t.db, inactive, { name: 'Goodwill', kind: 'other' }, NOW)).toEqual({ kind: 'not-found' });
  });

  it('edits an organization (renaming onto another is refused), audits the field names, and turns it off and on', () => {
    const goodwill = add('Goodwill');
    add('Job Corps');
    expect(updatePartner(t.db, worker, goodwill, { name: 'job corps', kind: 'other' }, NOW)).toEqual({ kind: 'invalid', errors: { name: 'Job Corps is already in the directory.' } });
    expect(updatePartner(t.db, worker, goodwill, { name: 'Goodwill of Dane County', kind: 'community_provider', phone: '555-0101' }, NOW)).toEqual({ kind: 'ok', changed: ['name', 'phone'] });
    expect(updatePartner(t.db, worker, goodwill, { name: 'Goodwill of Dane County', kind: 'community_provider', phone: '555-0101' }, NOW)).toEqual({ kind: 'ok', changed: [] });
    expect(getPartner(t.db, goodwill)?.nameKey).toBe('goodwill of dane county');
    expect(setPartnerActive(t.db, worker, goodwill, false, NOW)).toEqual({ kind: 'ok' });
    expect(listPartners(t.db, { offset: 0, limit: 10 }).partners.map((p) => p.name)).toEqual(['Job Corps']);
    expect(addPartner(t.db, worker, { name: 'Goodwill of Dane County', kind: 'other' }, NOW)).toMatchObject({ kind: 'invalid', errors: { name: expect.stringContaining('turned off') } });
    expect(setPartnerActive(t.db, worker, goodwill, true, NOW)).toEqual({ kind: 'ok' });
    const actions = t.db.select().from(auditLog).where(eq(auditLog.entityId, String(goodwill))).all().map((a) => [a.action, a.detail]);
    expect(actions).toEqual([
      ['partner-add', JSON.stringify({ partner: goodwill })],
      ['partner-update', JSON.stringify({ partner: goodwill, fields: 'name,phone' })],
      ['partner-deactivate', JSON.stringify({ partner: goodwill })],
      ['partner-reactivate', JSON.stringify({ partner: goodwill })],
    ]);
  });

  it('lists active organizations by name, paged, with their active contacts, and finds them by part of the name', () => {
    for (const n of ['Zeta Works', 'Álamo Housing', 'Beta Center', 'Gamma Food Bank']) add(n);
    const page1 = listPartners(t.db, { offset: 0, limit: 2 });
    expect(page1.total).toBe(4);
    expect(page1.partners.map((p) => p.name)).toEqual(['Álamo Housing', 'Beta Center']);
    expect(listPartners(t.db, { offset: 2, limit: 2 }).partners.map((p) => p.name)).toEqual(['Gamma Food Bank', 'Zeta Works']);
    expect(listPartners(t.db, { query: 'ALAMO', offset: 0, limit: 10 }).partners.map((p) => p.name)).toEqual(['Álamo Housing']);
    expect(searchPartners(t.db, 'en', 10).map((p) => p.name)).toEqual(['Beta Center']);
    expect(searchPartners(t.db, 'o', 10).map((p) => p.name)).toEqual(['Álamo Housing', 'Gamma Food Bank', 'Zeta Works']);
    expect(searchPartners(t.db, '100%_', 10)).toEqual([]);
  });

  it('one Slack user speaks for one organization: a second mapping is refused, by the code and by the database', () => {
    const goodwill = add('Goodwill');
    const housing = add('Housing Authority');
    const c = addContact(t.db, worker, goodwill, { name: 'Pat Lee', title: 'Job coach', slackUserId: 'U0PARTNER1', email: 'pat@goodwill.example' }, NOW);
    expect(c.kind).toBe('ok');
    const dup = addContact(t.db, worker, housing, { name: 'Pat Lee', slackUserId: 'U0PARTNER1' }, NOW);
    expect(dup).toEqual({ kind: 'invalid', errors: { slackUserId: expect.stringContaining('already contact of Goodwill') } });
    expect(() => t.db.insert(partnerContacts).values({ partnerId: housing, name: 'X', slackUserId: 'U0PARTNER1', createdAt: 'x', updatedAt: 'x' }).run()).toThrow(/UNIQUE/);
    // Contacts without a Slack user are many.
    expect(addContact(t.db, worker, housing, { name: 'Front desk', phone: '555-0199' }, NOW).kind).toBe('ok');
    expect(addContact(t.db, worker, housing, { name: 'Case worker', email: 'cw@housing.example' }, NOW).kind).toBe('ok');
    expect(addContact(t.db, worker, housing, { name: 'Bad', slackUserId: 'pat' }, NOW)).toMatchObject({ kind: 'invalid', errors: { slackUserId: expect.stringContaining('not a Slack user id') } });
  });

  it('maps Slack users to their organization for the gate: active contacts of active partners only', () => {
    const goodwill = add('Goodwill');
    const housing = add('Housing Authority');
    const pat = addContact(t.db, worker, goodwill, { name: 'Pat', slackUserId: 'U0PAT' }, NOW);
    const ana = addContact(t.db, worker, housing, { name: 'Ana', slackUserId: 'U0ANA' }, NOW);
    const kim = addContact(t.db, worker, housing, { name: 'Kim', slackUserId: 'U0KIM' }, NOW);
    if (pat.kind !== 'ok' || ana.kind !== 'ok' || kim.kind !== 'ok') throw new Error('contacts');
    expect(partnerContactBySlackUser(t.db, ['U0PAT', 'U0ANA', 'U0KIM', 'U0STAFF', 'U0PAT'])).toEqual(
      new Map([
        ['U0PAT', { contactId: pat.contactId, partnerId: goodwill }],
        ['U0ANA', { contactId: ana.contactId, partnerId: housing }],
        ['U0KIM', { contactId: kim.contactId, partnerId: housing }],
      ]),
    );
    // Kim left the Housing Authority; Goodwill is turned off.
    setContactActive(t.db, worker, kim.contactId, false, NOW);
    setPartnerActive(t.db, worker, goodwill, false, NOW);
    expect([...partnerContactBySlackUser(t.db, ['U0PAT', 'U0ANA', 'U0KIM']).keys()]).toEqual(['U0ANA']);
    expect(partnerContactBySlackUser(t.db, [])).toEqual(new Map());
  });

  it('edits a contact and records which fields changed', () => {
    const goodwill = add('Goodwill');
    const c = addContact(t.db, worker, goodwill, { name: 'Pat Lee' }, NOW);
    if (c.kind !== 'ok') throw new Error('contact');
    expect(updateContact(t.db, worker, c.contactId, { name: 'Pat Lee', title: 'Director', slackUserId: 'U0PAT' }, NOW)).toEqual({ kind: 'ok', changed: ['title', 'slackUserId'] });
    expect(getPartner(t.db, goodwill)?.contacts).toEqual([expect.objectContaining({ name: 'Pat Lee', title: 'Director', slackUserId: 'U0PAT' })]);
    const last = t.db.select().from(auditLog).all().at(-1)!;
    expect(last).toMatchObject({ action: 'partner-contact-update', entity: 'partner', entityId: String(goodwill) });
    expect(JSON.parse(last.detail!)).toEqual({ partner: goodwill, contact: c.contactId, fields: 'title,slackUserId' });
  });
});

describe('the CSV import: everything or nothing, and the same file twice adds nothing', () => {
  let t: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    t = tempDatabase();
  });
  afterEach(() => t.cleanup());

  const row = (line: number, r: Partial<DirectoryRow>): DirectoryRow & { line: number } => ({
    line,
    organization: 'Goodwill',
    kind: 'community_provider',
    serviceArea: null,
    orgPhone: null,
    orgEmail: null,
    contactName: null,
    contactTitle: null,
    contactSlackUserId: null,
    contactEmail: null,
    contactPhone: null,
    ...r,
  });

  const file = [
    row(2, { serviceArea: 'Job training', orgPhone: '555-0100', contactName: 'Pat Lee', contactTitle: 'Job coach', contactSlackUserId: 'U0PAT', contactEmail: 'pat@goodwill.example' }),
    row(3, { contactName: 'Sam Ruiz', contactEmail: 'sam@goodwill.example' }),
    row(4, { organization: 'Dane County Housing Authority', kind: 'public_assistance' }),
  ];

  it('adds organizations and contacts, then changes nothing on a second run', () => {
    expect(importDirectory(t.db, CLI, file, NOW)).toEqual({ kind: 'ok', partnersAdded: 2, partnersUpdated: 0, partnersUnchanged: 0, contactsAdded: 2, contactsUpdated: 0, contactsUnchanged: 0 });
    expect(importDirectory(t.db, CLI, file, NOW)).toEqual({ kind: 'ok', partnersAdded: 0, partnersUpdated: 0, partnersUnchanged: 2, contactsAdded: 0, contactsUpdated: 0, contactsUnchanged: 2 });
    expect(t.db.select().from(partners).all()).toHaveLength(2);
    expect(t.db.select().from(partnerContacts).all()).toHaveLength(2);
    expect(t.db.select().from(auditLog).all().every((a) => a.actorId === 'cli' && a.basis === 'cli' && a.entity === 'partner')).toBe(true);
  });

  it('two people of one name with their own emails are two contacts, and a second run changes nothing', () => {
    const twins = [row(2, { contactName: 'Maria Lopez', contactEmail: 'maria.l@goodwill.example' }), row(3, { contactName: 'María López', contactEmail: 'mlopez@goodwill.example' })];
    expect(importDirectory(t.db, CLI, twins, NOW)).toMatchObject({ kind: 'ok', contactsAdded: 2 });
    expect(importDirectory(t.db, CLI, twins, NOW)).toMatchObject({ kind: 'ok', contactsAdded: 0, contactsUpdated: 0, contactsUnchanged: 2 });
    expect(t.db.select({ email: partnerContacts.email }).from(partnerContacts).all().map((c) => c.email).sort()).toEqual(['maria.l@goodwill.example', 'mlopez@goodwill.example']);
    // A name-only contact still gains the email a later row gives it.
    importDirectory(t.db, CLI, [row(2, { contactName: 'Sam Ruiz' })], NOW);
    expect(importDirectory(t.db, CLI, [row(2, { contactName: 'Sam Ruiz', contactEmail: 'sam@goodwill.example' })], NOW)).toMatchObject({ contactsAdded: 0, contactsUpdated: 1 });
  });

  it('exports what it imports, one row per contact', () => {
    importDirectory(t.db, CLI, file, NOW);
    const rows = directoryRows(t.db);
    expect(rows.map((r) => [r.organization, r.contactName])).toEqual([
      ['Dane County Housing Authority', null],
      ['Goodwill', 'Pat Lee'],
      ['Goodwill', 'Sam Ruiz'],
    ]);
    expect(rows[1]).toMatchObject({ kind: 'community_provider', serviceArea: 'Job training', orgPhone: '555-0100', contactSlackUserId: 'U0PAT' });
  });

  it('matches a contact by Slack id, then email, then name, and fills what was empty', () => {
    importDirectory(t.db, CLI, file, NOW);
    const second = [
      row(2, { organization: 'GOODWILL', contactName: 'Patricia Lee', contactSlackUserId: 'U0PAT', contactPhone: '555-0111' }),
      row(3, { contactName: 'S. Ruiz', contactEmail: 'SAM@goodwill.example', contactSlackUserId: 'U0SAM' }),
      row(4, { organization: 'Dane County Housing Authority', kind: 'public_assistance', orgEmail: 'info@dcha.example', contactName: 'Front Desk' }),
    ];
    expect(importDirectory(t.db, CLI, second, NOW)).toEqual({ kind: 'ok', partnersAdded: 0, partnersUpdated: 1, partnersUnchanged: 1, contactsAdded: 1, contactsUpdated: 2, contactsUnchanged: 0 });
    const contacts = t.db.select().from(partnerContacts).all();
    expect(contacts.map((c) => [c.name, c.slackUserId, c.phone])).toEqual([
      ['Pat Lee', 'U0PAT', '555-0111'],
      ['Sam Ruiz', 'U0SAM', null],
      ['Front Desk', null, null],
    ]);
  });

  it('a bad row anywhere writes nothing, and every problem names its line', () => {
    const bad = [
      ...file,
      row(5, { organization: '', kind: 'community_provider' }),
      row(6, { organization: 'Job Corps', kind: 'charity' }),
      row(7, { organization: 'Job Corps', kind: 'one_stop_partner', contactName: 'Lee', contactSlackUserId: 'lee' }),
      row(8, { organization: 'Job Corps', kind: 'one_stop_partner', contactTitle: 'Director' }),
      row(9, { organization: 'Job Corps', kind: 'one_stop_partner', contactName: 'Pat', contactSlackUserId: 'U0PAT' }),
      row(10, { orgPhone: '555-0999' }),
    ];
    const r = importDirectory(t.db, CLI, bad, NOW);
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    expect(r.problems.map((p) => p.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(r.problems.find((p) => p.line === 6)!.message).toContain('kind: must be one of one_stop_partner');
    expect(r.problems.find((p) => p.line === 8)!.message).toContain('contact_name');
    expect(r.problems.find((p) => p.line === 9)!.message).toContain('line 2');
    expect(r.problems.find((p) => p.line === 10)!.message).toContain('org_phone differ from line 2');
    expect(t.db.select().from(partners).all()).toEqual([]);
    expect(t.db.select().from(auditLog).all()).toEqual([]);
  });

  it('a conflict with the directory (a Slack user already speaking for another organization) rolls the whole file back', () => {
    importDirectory(t.db, CLI, file, NOW);
    const before = { partners: t.db.select().from(partners).all(), contacts: t.db.select().from(partnerContacts).all(), audit: t.db.select().from(auditLog).all().length };
    const r = importDirectory(t.db, CLI, [row(2, { organization: 'New Org', kind: 'other' }), row(3, { organization: 'Job Corps', kind: 'other', contactName: 'Pat', contactSlackUserId: 'U0PAT' })], NOW);
    expect(r).toEqual({ kind: 'invalid', problems: [{ line: 3, message: expect.stringContaining('already a contact of Goodwill') }] });
    expect(t.db.select().from(partners).all()).toEqual(before.partners);
    expect(t.db.select().from(partnerContacts).all()).toEqual(before.contacts);
    expect(t.db.select().from(auditLog).all()).toHaveLength(before.audit);
  });
});

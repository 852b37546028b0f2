// The .ics invite for a confirmed IRT meeting, read back as a calendar would read it.
import { describe, expect, it } from 'vitest';
import { buildInvite, inviteUid, type MeetingInvite } from '../../src/irt/invite';

const base: MeetingInvite = {
  uid: inviteUid(42),
  sequence: 0,
  startsAt: new Date('2026-12-09T16:00:00Z'),
  endsAt: new Date('2026-12-09T17:00:00Z'),
  summary: 'IRT meeting',
  description: 'Planning thread in Slack.',
  location: 'Room 2, 100 Main St',
  organizer: { name: 'Dana Lee' },
  now: new Date('2026-11-25T15:04:05Z'),
};

/** Physical lines (CRLF-separated), as written. */
const linesOf = (ics: string) => ics.replace(/\r\n$/, '').split('\r\n');

/** Unfold (RFC 5545 §3.1) and map each property name to its value(s). */
function parse(ics: string): { props: Map<string, string[]>; names: string[] } {
  const logical = linesOf(ics.replace(/\r\n[ \t]/g, ''));
  const props = new Map<string, string[]>();
  const names: string[] = [];
  for (const line of logical) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0]!;
    names.push(line.slice(0, colon));
    props.set(name, [...(props.get(name) ?? []), line.slice(colon + 1)]);
  }
  return { props, names };
}

const one = (ics: string, name: string) => {
  const values = parse(ics).props.get(name) ?? [];
  expect(values, name).toHaveLength(1);
  return values[0]!;
};

/** The text value of a property, unescaped (RFC 5545 §3.3.11). */
const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('the meeting invite', () => {
  it('is one VEVENT in a VCALENDAR, in UTC, stamped with the given clock', () => {
    const ics = buildInvite(base);
    expect(linesOf(ics)[0]).toBe('BEGIN:VCALENDAR');
    expect(ics.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(one(ics, 'VERSION')).toBe('2.0');
    expect(parse(ics).props.get('BEGIN')).toEqual(['VCALENDAR', 'VEVENT']);
    expect(one(ics, 'DTSTART')).toBe('20261209T160000Z');
    expect(one(ics, 'DTEND')).toBe('20261209T170000Z');
    expect(one(ics, 'DTSTAMP')).toBe('20261125T150405Z');
    expect(parse(ics).names).toContain('DTSTART'); // no TZID parameter
    expect(ics).not.toContain('VTIMEZONE');
    expect(one(ics, 'STATUS')).toBe('CONFIRMED');
  });

  it('keeps the meeting’s UID and carries the sequence, so a reschedule updates the same event', () => {
    const first = buildInvite(base);
    const moved = buildInvite({ ...base, sequence: 1, startsAt: new Date('2026-12-10T20:00:00Z'), endsAt: new Date('2026-12-10T21:00:00Z') });
    expect(one(first, 'UID')).toBe('irt-42@tickler');
    expect(one(moved, 'UID')).toBe('irt-42@tickler');
    expect(one(first, 'SEQUENCE')).toBe('0');
    expect(one(moved, 'SEQUENCE')).toBe('1');
    expect(one(moved, 'DTSTART')).toBe('20261210T200000Z');
  });

  it('is published without an organizer email, and a request with one', () => {
    const published = buildInvite(base);
    expect(one(published, 'METHOD')).toBe('PUBLISH');
    expect(parse(published).props.has('ORGANIZER')).toBe(false);

    const request = buildInvite({ ...base, organizer: { name: 'Dana Lee', email: 'dana@agency.example' } });
    expect(one(request, 'METHOD')).toBe('REQUEST');
    expect(parse(request).names).toContain('ORGANIZER;CN="Dana Lee"');
    expect(one(request, 'ORGANIZER')).toBe('mailto:dana@agency.example');
  });

  it('escapes commas, semicolons, backslashes and newlines in the text it is given', () => {
    const ics = buildInvite({
      ...base,
      summary: 'IRT: Amina K., jobs; childcare',
      description: 'Bring:\n- employment plan\n- resources, a list; C:\\docs',
    });
    expect(one(ics, 'SUMMARY')).toBe('IRT: Amina K.\\, jobs\\; childcare');
    expect(unescapeText(one(ics, 'SUMMARY'))).toBe('IRT: Amina K., jobs; childcare');
    expect(unescapeText(one(ics, 'DESCRIPTION'))).toBe('Bring:\n- employment plan\n- resources, a list; C:\\docs');
    expect(unescapeText(one(ics, 'LOCATION'))).toBe('Room 2, 100 Main St');
    for (const line of linesOf(ics)) expect(line).not.toMatch(/[\r\n]/);
  });

  it('folds long lines at 75 octets, counting multi-byte characters, and unfolds to the same text', () => {
    const description = `${'Résumé review with the partner team — ñandú ☕ '.repeat(8)}end`;
    const ics = buildInvite({ ...base, description });
    const lines = linesOf(ics);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unescapeText(one(ics, 'DESCRIPTION'))).toBe(description);
  });

  it('leaves out an empty location or description', () => {
    const ics = buildInvite({ ...base, location: null, description: '' });
    expect(parse(ics).props.has('LOCATION')).toBe(false);
    expect(parse(ics).props.has('DESCRIPTION')).toBe(false);
    expect(parse(buildInvite({ ...base, location: '  ' })).props.has('LOCATION')).toBe(false);
  });

  it('refuses a meeting that ends before it starts, a negative sequence or a blank uid', () => {
    expect(() => buildInvite({ ...base, endsAt: base.startsAt })).toThrow(/end after/);
    expect(() => buildInvite({ ...base, sequence: -1 })).toThrow(/sequence/);
    expect(() => buildInvite({ ...base, uid: ' ' })).toThrow(/uid/);
  });
});

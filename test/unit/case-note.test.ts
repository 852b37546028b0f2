import { describe, expect, it } from 'vitest';
import { defaultLocation, interactionInstant, summarySubject } from '../../src/domain/case-note';

describe('case-note defaults', () => {
  it('a phone, email, text, video or mail contact is remote; face to face is at the worker’s office', () => {
    for (const method of ['phone', 'email', 'text', 'video', 'mail']) expect(defaultLocation(method, 'Main St. One-Stop')).toBe('Remote');
    expect(defaultLocation('face_to_face', 'Main St. One-Stop')).toBe('Main St. One-Stop');
    expect(defaultLocation('face_to_face', null)).toBe('Office');
  });

  it('with no service, the subject is the method and the first sentence, at most 150 characters', () => {
    expect(summarySubject('Phone', 'Confirmed the CASAS appointment. Will bring ID.')).toBe('Phone: Confirmed the CASAS appointment.');
    expect(summarySubject('Email', 'x'.repeat(400))).toHaveLength(150);
  });

  it('a contact today with no time is now; an earlier day with no time is its local noon; a time is exact', () => {
    const now = new Date('2026-11-24T03:30:00Z'); // Nov 23, 21:30 in Chicago
    expect(interactionInstant('2026-11-23', null, 'America/Chicago', now)).toEqual({ at: now, timeKnown: false });
    expect(interactionInstant('2026-11-20', null, 'America/Chicago', now)).toEqual({ at: new Date('2026-11-20T18:00:00Z'), timeKnown: false });
    expect(interactionInstant('2026-11-01', '09:15', 'America/Chicago', now)).toEqual({ at: new Date('2026-11-01T15:15:00Z'), timeKnown: true }); // CST, after the change
    expect(interactionInstant('2026-10-31', '09:15', 'America/Chicago', now)).toEqual({ at: new Date('2026-10-31T14:15:00Z'), timeKnown: true }); // CDT
  });
});

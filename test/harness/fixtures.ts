// What a test enrolls: a WIOA Adult participant with a primary case manager. Each test file
// overrides what its policy is about (names, programs, dates).
import type { NewParticipant } from '../../src/db/participants';

export function newParticipant(caseManagerId: string, overrides: Partial<NewParticipant> = {}): NewParticipant {
  return {
    fullName: 'María González',
    preferredName: null,
    preferredLanguage: 'Spanish',
    interpreterNeeded: false,
    programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-10-01' }],
    misId: null,
    phone: null,
    email: null,
    preferredContactMethod: 'phone',
    primaryCaseManagerId: caseManagerId,
    otherStaffIds: [],
    ...overrides,
  };
}

// How an IRT participant is named to partners, how a slot reads in each person's zone, the
// availability tally and when reminders go out.
import { describe, expect, it } from 'vitest';
import {
  actionItemReminderAt,
  bestSlot,
  formatSlotFor,
  IRT_CALLER_LABELS,
  IRT_CALLERS,
  IRT_LOCATION_KIND_LABELS,
  IRT_LOCATION_KINDS,
  IRT_REASON_LABELS,
  IRT_REASONS,
  meetingReminderAt,
  nameForPartners,
  tallyAvailability,
} from '../../src/domain/irt';

describe('the participant’s name as partners see it: first name and last initial', () => {
  it('shows "Amina K." for Amina Kone', () => {
    expect(nameForPartners('Amina Kone')).toBe('Amina K.');
    expect(nameForPartners('Amina Fatou Kone')).toBe('Amina K.'); // middle names are not shown
  });

  it('uses the preferred first name when one is set', () => {
    expect(nameForPartners('Amina Kone', 'Mina')).toBe('Mina K.');
    expect(nameForPartners('Amina Kone', null)).toBe('Amina K.');
    expect(nameForPartners('Amina Kone', '   ')).toBe('Amina K.');
  });

  it('never lets a preferred name that repeats the family name show it', () => {
    expect(nameForPartners('Robert Smith', 'Bob Smith')).toBe('Bob S.');
    expect(nameForPartners('Amina Kone', 'Amina Kone')).toBe('Amina K.');
    expect(nameForPartners('Amina de la Cruz', 'Mina de la Cruz')).toBe('Mina C.');
    expect(nameForPartners('José Núñez', 'Pepe NUNEZ')).toBe('Pepe N.'); // compared without case or accents
  });

  it('skips particles: the initial is the family name’s, and a compound first name needs the preferred name', () => {
    expect(nameForPartners('María José de la Cruz')).toBe('María C.');
    expect(nameForPartners('María José de la Cruz', 'María José')).toBe('María José C.');
    expect(nameForPartners('Vincent van Gogh')).toBe('Vincent G.');
    expect(nameForPartners('Ali al-Hassan')).toBe('Ali A.'); // only particles after the first name: the last word decides
  });

  it('keeps hyphenated names whole and initials the first part of a hyphenated family name', () => {
    expect(nameForPartners('Jean-Luc Picard')).toBe('Jean-Luc P.');
    expect(nameForPartners('Amina Kone-Diallo')).toBe('Amina K.');
    expect(nameForPartners("Siobhan O'Brien")).toBe('Siobhan O.');
  });

  it('shows a one-word name as it is', () => {
    expect(nameForPartners('Madonna')).toBe('Madonna');
    expect(nameForPartners('王小明')).toBe('王小明');
    expect(nameForPartners('Madonna', 'Maddie')).toBe('Maddie');
  });

  it('ignores extra spaces, tabs and a family-name-first comma form, and drops a "Jr." suffix', () => {
    expect(nameForPartners('  Amina \t  Kone  ')).toBe('Amina K.');
    expect(nameForPartners('Kone, Amina')).toBe('Amina K.');
    expect(nameForPartners('Martin Luther King, Jr.')).toBe('Martin K.');
    expect(nameForPartners('John Smith III')).toBe('John S.');
  });

  it('works in scripts other than Latin, keeping accents and whole characters', () => {
    expect(nameForPartners('Алексей Петров')).toBe('Алексей П.');
    expect(nameForPartners('Γιώργος Παπαδόπουλος')).toBe('Γιώργος Π.');
    expect(nameForPartners('محمد علي')).toBe('محمد ع.');
    expect(nameForPartners('अमित शर्मा')).toBe('अमित श.');
    expect(nameForPartners('Kenji O\u0304tsuka')).toBe('Kenji Ō.'); // decomposed Ō stays one letter
    expect(nameForPartners('amina kone')).toBe('amina K.');
  });

  it('never returns an empty string', () => {
    expect(nameForPartners('   ')).toBe('Participant');
  });
});

describe('a slot in the reader’s own zone', () => {
  const starts = new Date('2026-12-09T16:00:00Z');
  const ends = new Date('2026-12-09T17:00:00Z');

  it('reads "Wed Dec 9, 10:00–11:00 AM CST" in Chicago', () => {
    expect(formatSlotFor(starts, ends, 'America/Chicago')).toBe('Wed Dec 9, 10:00–11:00 AM CST');
  });

  it('shows both halves of the day when the meeting crosses noon', () => {
    expect(formatSlotFor(starts, ends, 'America/New_York')).toBe('Wed Dec 9, 11:00 AM–12:00 PM EST');
  });

  it('follows the reader’s zone, even onto another date', () => {
    expect(formatSlotFor(starts, ends, 'Asia/Kolkata')).toBe('Wed Dec 9, 9:30–10:30 PM GMT+5:30');
    expect(formatSlotFor(starts, ends, 'Pacific/Auckland')).toBe('Thu Dec 10, 5:00–6:00 AM GMT+13');
  });

  it('names both dates when the meeting runs past midnight', () => {
    expect(formatSlotFor(new Date('2026-12-10T05:30:00Z'), new Date('2026-12-10T06:30:00Z'), 'America/Chicago'))
      .toBe('Wed Dec 9, 11:30 PM – Thu Dec 10, 12:30 AM CST');
  });

  it('names both zones when the clocks change during the meeting', () => {
    expect(formatSlotFor(new Date('2026-11-01T06:30:00Z'), new Date('2026-11-01T07:30:00Z'), 'America/Chicago'))
      .toBe('Sun Nov 1, 1:30 AM CDT–1:30 AM CST');
  });
});

describe('the modal’s choices', () => {
  it('have a label for every reason, caller and kind of location', () => {
    expect(Object.keys(IRT_REASON_LABELS)).toEqual([...IRT_REASONS]);
    expect(Object.keys(IRT_CALLER_LABELS)).toEqual([...IRT_CALLERS]);
    expect(Object.keys(IRT_LOCATION_KIND_LABELS)).toEqual([...IRT_LOCATION_KINDS]);
    for (const label of [...Object.values(IRT_REASON_LABELS), ...Object.values(IRT_CALLER_LABELS), ...Object.values(IRT_LOCATION_KIND_LABELS)]) {
      expect(label.length).toBeGreaterThan(0);
      expect(label.length).toBeLessThanOrEqual(75); // a Block Kit option's text
    }
  });
});

describe('availability', () => {
  const slots = [11, 12, 13];
  const attendees = [1, 2, 3, 4];

  it('counts available, unavailable and no answer per slot, in the slots’ order', () => {
    const tally = tallyAvailability(slots, attendees, [
      { slotId: 11, attendeeId: 1, answer: 'available' },
      { slotId: 11, attendeeId: 2, answer: 'unavailable' },
      { slotId: 12, attendeeId: 1, answer: 'available' },
      { slotId: 12, attendeeId: 2, answer: 'available' },
      { slotId: 12, attendeeId: 3, answer: 'unavailable' },
    ]);
    expect(tally).toEqual([
      { slotId: 11, available: 1, unavailable: 1, noAnswer: 2 },
      { slotId: 12, available: 2, unavailable: 1, noAnswer: 1 },
      { slotId: 13, available: 0, unavailable: 0, noAnswer: 4 },
    ]);
    expect(bestSlot(tally)?.slotId).toBe(12);
  });

  it('ignores answers from people who are not attendees and for other slots; a changed answer counts once', () => {
    const tally = tallyAvailability(slots, attendees, [
      { slotId: 11, attendeeId: 99, answer: 'available' },
      { slotId: 77, attendeeId: 1, answer: 'available' },
      { slotId: 13, attendeeId: 4, answer: 'available' },
      { slotId: 13, attendeeId: 4, answer: 'unavailable' },
    ]);
    expect(tally).toEqual([
      { slotId: 11, available: 0, unavailable: 0, noAnswer: 4 },
      { slotId: 12, available: 0, unavailable: 0, noAnswer: 4 },
      { slotId: 13, available: 0, unavailable: 1, noAnswer: 3 },
    ]);
    expect(bestSlot(tally)).toBeNull();
  });

  it('suggests the earliest of equally good slots', () => {
    const tally = tallyAvailability(slots, attendees, [
      { slotId: 12, attendeeId: 1, answer: 'available' },
      { slotId: 13, attendeeId: 2, answer: 'available' },
    ]);
    expect(bestSlot(tally)?.slotId).toBe(12);
    expect(bestSlot([])).toBeNull();
  });
});

describe('reminders', () => {
  it('an action item is reminded at 09:00 on its due date in the person’s zone', () => {
    expect(actionItemReminderAt('2026-12-15', 'America/Chicago').toISOString()).toBe('2026-12-15T15:00:00.000Z');
    expect(actionItemReminderAt('2026-12-15', 'Pacific/Auckland').toISOString()).toBe('2026-12-14T20:00:00.000Z');
    expect(actionItemReminderAt('2027-03-15', 'America/Chicago').toISOString()).toBe('2027-03-15T14:00:00.000Z'); // CDT after the change
  });

  it('the meeting reminder goes out 24 hours before it starts', () => {
    expect(meetingReminderAt(new Date('2026-12-09T16:00:00Z')).toISOString()).toBe('2026-12-08T16:00:00.000Z');
  });
});

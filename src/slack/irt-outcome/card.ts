// The participant card's line for each IRT meeting awaiting its outcome, with *Record outcome*
// (where the organizer and the case manager see the meeting privately). Only for readers who
// may record it.
import type { KnownBlock } from '@slack/types';
import type { Actor } from '../../domain/access';
import { localDate } from '../../domain/dates';
import { meetingsAwaitingOutcome } from '../../db/irt-outcome';
import { getStaff } from '../../db/staff';
import type { Services } from '../services';
import { awaitingOutcomeBlocks } from './views';

export function awaitingOutcomeCardBlocks(services: Services, actor: Actor, participantId: number, now: Date): KnownBlock[] {
  const meetings = meetingsAwaitingOutcome(services.db, actor, participantId, now);
  if (meetings.length === 0) return [];
  const tz = getStaff(services.db, actor.staffId)?.tz ?? services.config.agencyTz;
  return awaitingOutcomeBlocks(meetings.map((m) => ({ id: m.id, startsOn: localDate(new Date(m.startsAt), tz) })));
}

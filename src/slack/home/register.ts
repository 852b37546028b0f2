// The App Home: published when opened and refreshed (debounced) after anything that changes it.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../domain/access';
import { instantAt } from '../../domain/dates';
import { addCalendarDays } from '../../domain/due';
import { digestPreferences, saveDigestPreferences } from '../../db/digest-settings';
import { upcomingMeetings } from '../../db/irt';
import { assignments, irtAttendees, irtMeetings } from '../../db/schema';
import { actorFor, getStaff } from '../../db/staff';
import { upcomingAppointments } from '../../due/appointments';
import { caseloadDue, dueContext } from '../../due/engine';
import { fieldErrors, flattenState } from '../forms';
import { ACTIONS, VIEWS } from '../ids';
import type { Services } from '../services';
import { DIGEST_BLOCKS, digestSettingsModal, HOME_MAX_MEETINGS, HOME_MEETING_DAYS, homeView } from './views';

/** Rebuilds a person's App Home from the database. */
export async function publishHome(services: Services, client: WebClient, actor: Actor): Promise<void> {
  const { db, config, clock } = services;
  const timeZone = getStaff(db, actor.staffId)?.tz ?? config.agencyTz;
  const now = clock.now();
  const ctx = dueContext(now, timeZone, config.holidays);
  const due = caseloadDue(db, actor.staffId, config.profiles, ctx);
  const appointments = upcomingAppointments(db, due.entries.map((e) => e.id), ctx.today, addCalendarDays(ctx.today, 7));
  // Scheduled meetings through the last of the next 14 days in the viewer's zone.
  const until = instantAt(addCalendarDays(ctx.today, HOME_MEETING_DAYS + 1), '00:00', timeZone);
  const meetings = upcomingMeetings(db, actor, { now, until }, HOME_MAX_MEETINGS);
  const view = homeView(due, appointments, meetings, { today: ctx.today, timeZone, digest: digestPreferences(db, actor.staffId), isSupervisor: actor.role !== 'case_manager' });
  await client.views.publish({ user_id: actor.staffId, view });
}

const HOME_REFRESH_DEBOUNCE_MS = 400;
const pendingByApp = new WeakMap<Services, Map<string, NodeJS.Timeout>>();

/** Refreshes a person's App Home shortly after a change; a burst of changes publishes once. */
export function scheduleHomeRefresh(services: Services, client: WebClient, actor: Actor): void {
  let pending = pendingByApp.get(services);
  if (!pending) pendingByApp.set(services, (pending = new Map()));
  const timers = pending;
  clearTimeout(timers.get(actor.staffId));
  timers.set(
    actor.staffId,
    setTimeout(() => {
      timers.delete(actor.staffId);
      publishHome(services, client, actor).catch((err: unknown) => services.logger.warn({ err: String(err), user: actor.staffId }, 'App Home refresh failed'));
    }, HOME_REFRESH_DEBOUNCE_MS),
  );
}

/**
 * After a change to a participant's file: the Homes of the person acting, of everyone assigned,
 * and of the organizers and staff attendees of the participant's open IRT meetings (each Home
 * is rebuilt with its viewer's own access).
 */
export function refreshHomesFor(services: Services, client: WebClient, actor: Actor, participantId: number): void {
  const { db } = services;
  scheduleHomeRefresh(services, client, actor);
  const open = and(eq(irtMeetings.participantId, participantId), inArray(irtMeetings.status, ['planning', 'scheduled']));
  const staffIds = new Set([
    ...db.select({ staffId: assignments.staffId }).from(assignments).where(eq(assignments.participantId, participantId)).all(),
    ...db.select({ staffId: irtMeetings.organizerId }).from(irtMeetings).where(open).all(),
    ...db
      .select({ staffId: irtAttendees.staffId })
      .from(irtAttendees)
      .innerJoin(irtMeetings, eq(irtMeetings.id, irtAttendees.meetingId))
      .where(and(open, isNotNull(irtAttendees.staffId)))
      .all(),
  ].map((r) => r.staffId!));
  staffIds.delete(actor.staffId);
  for (const staffId of staffIds) {
    const row = getStaff(db, staffId);
    if (row?.active) scheduleHomeRefresh(services, client, actorFor(row, services.config.adminUserIds));
  }
}

/** Drops refreshes still waiting (the app is stopping). */
export function cancelHomeRefreshes(services: Services): void {
  for (const timer of pendingByApp.get(services)?.values() ?? []) clearTimeout(timer);
  pendingByApp.delete(services);
}

const settingsSchema = z.object({
  [DIGEST_BLOCKS.enabled]: z.array(z.string()).nullable().optional(),
  [DIGEST_BLOCKS.time]: z.string({ error: 'Pick a time.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick a time.'),
  [DIGEST_BLOCKS.days]: z.array(z.string(), { error: 'Pick at least one day.' }).min(1, 'Pick at least one day.'),
  [DIGEST_BLOCKS.options]: z.array(z.string()).nullable().optional(),
});

export function registerHome(app: App, services: Services): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home' || !context.actor) return;
    await publishHome(services, client, context.actor);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.digestSettings, async ({ ack, body, client, context }) => {
    await ack();
    const actor = context.actor!;
    await client.views.open({ trigger_id: body.trigger_id, view: digestSettingsModal(digestPreferences(services.db, actor.staffId), actor.role !== 'case_manager') });
  });

  app.view(VIEWS.digestSettings, async ({ ack, view, client, context }) => {
    const parsed = settingsSchema.safeParse(flattenState(view.state.values));
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(parsed.error) });
      return;
    }
    const f = parsed.data;
    const options = f[DIGEST_BLOCKS.options] ?? [];
    const actor = context.actor!;
    saveDigestPreferences(
      services.db,
      actor.staffId,
      {
        enabled: (f[DIGEST_BLOCKS.enabled] ?? []).includes('yes'),
        localTime: f[DIGEST_BLOCKS.time],
        weekdays: f[DIGEST_BLOCKS.days].map(Number).filter((d) => d >= 1 && d <= 7),
        skipHolidays: options.includes('skip_holidays'),
        sendWhenEmpty: options.includes('send_when_empty'),
        teamSummary: actor.role !== 'case_manager' && options.includes('team_summary'),
      },
      actor.staffId,
      services.clock.now(),
    );
    await ack();
    await publishHome(services, client, actor);
  });
}

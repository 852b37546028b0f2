// Staff are registered on first use: only full members of the home workspace (no guests, no
// Slack Connect users from other organizations, no bots). Name and zone come from users.info
// and are refreshed once a day, after the request is answered.
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../domain/access';
import { localDate } from '../domain/dates';
import { actorFor, deactivateStaff, getStaff, upsertStaffProfile } from '../db/staff';
import type { StaffRow } from '../db/schema';
import { ACTIONS } from './ids';
import type { Services } from './services';

const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

export const NOT_STAFF_TEXT = 'Tickler is only available to staff who are full members of this workspace.';
export const INACTIVE_TEXT = 'Your Tickler access is turned off. Ask your supervisor or a Tickler admin if you need it back.';

interface SlackUser {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_stranger?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/** The workspace the bot is installed in, asked once per app (auth.test). */
const homeTeamIds = new WeakMap<Services, Promise<string | undefined>>();

function getHomeTeamId(services: Services, client: WebClient): Promise<string | undefined> {
  let cached = homeTeamIds.get(services);
  if (!cached) {
    cached = client.auth.test().then(
      (r) => r.team_id,
      () => {
        homeTeamIds.delete(services);
        return undefined;
      },
    );
    homeTeamIds.set(services, cached);
  }
  return cached;
}

/** A full member of the home workspace. Fails closed: when the home workspace is unknown, nobody is. */
export function isFullMember(user: SlackUser, teamId: string | undefined): boolean {
  if (user.deleted || user.is_bot || user.is_restricted || user.is_ultra_restricted || user.is_stranger) return false;
  return Boolean(teamId) && (!user.team_id || user.team_id === teamId);
}

type Lookup = { kind: 'staff'; row: StaffRow } | { kind: 'not-staff' };

async function fetchProfile(services: Services, client: WebClient, userId: string): Promise<{ user: SlackUser; member: boolean } | null> {
  try {
    const [info, teamId] = await Promise.all([client.users.info({ user: userId }), getHomeTeamId(services, client)]);
    // Without the home workspace nobody can be judged: not a newcomer (refused for now), and
    // not a registered person at their daily refresh (left as they are, not switched off).
    if (!teamId) return null;
    const user = (info.user ?? {}) as SlackUser;
    return { user, member: isFullMember(user, teamId) };
  } catch {
    return null;
  }
}

function profileOf(userId: string, user: SlackUser) {
  return {
    slackUserId: userId,
    displayName: user.profile?.display_name || user.real_name || user.profile?.real_name || user.name || userId,
    realName: user.real_name ?? user.profile?.real_name ?? null,
    tz: user.tz ?? null,
  };
}

/** The staff row for a Slack user, registering a full member on first sight. */
export async function ensureStaff(services: Services, client: WebClient, userId: string): Promise<Lookup> {
  const existing = getStaff(services.db, userId);
  if (existing) return { kind: 'staff', row: existing };
  const fetched = await fetchProfile(services, client, userId);
  if (!fetched?.member) return { kind: 'not-staff' };
  return { kind: 'staff', row: upsertStaffProfile(services.db, profileOf(userId, fetched.user), services.clock.now()) };
}

async function refreshProfile(services: Services, client: WebClient, userId: string): Promise<void> {
  const fetched = await fetchProfile(services, client, userId);
  if (!fetched) return; // Slack unreachable: try again on a later request.
  const now = services.clock.now();
  upsertStaffProfile(services.db, profileOf(userId, fetched.user), now);
  if (!fetched.member) deactivateStaff(services.db, userId, now);
}

function userIdOf(body: AnyMiddlewareArgs['body']): string | undefined {
  const b = body as { user_id?: string; user?: { id?: string } | string; event?: { type?: string; user?: string | { id?: string } } };
  // The person who joined a channel is not using Tickler: never register them as staff.
  if (b.event?.type === 'member_joined_channel') return undefined;
  if (typeof b.user_id === 'string') return b.user_id;
  if (b.user && typeof b.user === 'object' && typeof b.user.id === 'string') return b.user.id;
  const eventUser = b.event?.user;
  if (typeof eventUser === 'string') return eventUser;
  return undefined;
}

declare module '@slack/bolt' {
  interface Context {
    actor?: Actor;
    staff?: StaffRow;
  }
}

/**
 * Buttons meant for IRT attendees who may not be staff (a partner in a Slack Connect channel):
 * their listeners judge the clicker by the meeting's attendee list, not by `context.actor`.
 */
const OPEN_TO_ATTENDEES: ReadonlySet<string> = new Set([ACTIONS.irtAvailable, ACTIONS.irtUnavailable, ACTIONS.irtActionDone]);

function isAttendeeButton(body: AnyMiddlewareArgs['body']): boolean {
  if (!('type' in body) || body.type !== 'block_actions') return false;
  const actions = (body as { actions?: Array<{ action_id?: string }> }).actions ?? [];
  return actions.length > 0 && actions.every((a) => a.action_id !== undefined && OPEN_TO_ATTENDEES.has(a.action_id));
}

/** Global middleware: puts `context.actor` in place, or answers a person who is not staff. */
export function staffMiddleware(services: Services): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next, client } = args;
    const userId = userIdOf(body);
    if (!userId) return next();
    // An attendee's button never registers anyone: pressing *Available* must not make a
    // workspace member "staff" in the eyes of the release gate.
    const attendeeButton = isAttendeeButton(body);
    const existing = attendeeButton ? getStaff(services.db, userId) : undefined;
    const found: Lookup = attendeeButton ? (existing ? { kind: 'staff', row: existing } : { kind: 'not-staff' }) : await ensureStaff(services, client, userId);
    if (found.kind === 'staff' && found.row.active) {
      context.staff = found.row;
      context.actor = actorFor(found.row, services.config.adminUserIds);
      const age = services.clock.now().getTime() - Date.parse(found.row.profileRefreshedAt);
      if (age > REFRESH_AFTER_MS) {
        setImmediate(() => {
          refreshProfile(services, client, userId).catch((err) => services.logger.warn({ err: String(err) }, 'staff refresh failed'));
        });
      }
      return next();
    }
    if (attendeeButton) return next();
    const text = found.kind === 'staff' ? INACTIVE_TEXT : NOT_STAFF_TEXT;
    services.logger.info({ user: userId, kind: found.kind }, 'request from someone who is not active staff');
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if ('command' in args && ack) return ack({ response_type: 'ephemeral', text });
    if ('options' in args && ack) return ack({ options: [] });
    if (ack) return ack();
  };
}

/** The person acting, as the staff middleware put it in place (every listener runs after it). */
export function actorOf(context: Context): Actor {
  if (!context.actor) throw new Error('staff middleware did not run');
  return context.actor;
}

/** The person's Slack time zone, or the agency's when Slack did not say. */
export function zoneOf(services: Services, context: Context): string {
  return context.staff?.tz ?? services.config.agencyTz;
}

/** The person's own "today" (`YYYY-MM-DD`). */
export function userToday(services: Services, context: Context): string {
  return localDate(services.clock.now(), zoneOf(services, context));
}

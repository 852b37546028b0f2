import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isCalendarDate, isTimeZone } from './domain/dates';
import { createHolidayCalendar, type HolidayCalendar } from './domain/holidays';
import { DEFAULT_PROFILES, parseProfileConfigText, type ProfileId, type ProgramProfile } from './domain/profiles';

/** A configuration problem, reported as one line naming the variable (no stack trace). */
export class ConfigError extends Error {}

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const dateList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .refine((dates) => dates.every(isCalendarDate), 'must be a comma-separated list of dates such as 2026-12-24,2026-12-31');

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required: the bot token (xoxb-…) from "OAuth & Permissions"' }).regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.string().min(1, 'must not be empty').optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp- (Socket Mode)').optional(),
    PORT: z
      .string()
      .regex(/^\d+$/, 'must be a port number')
      .transform(Number)
      .refine((n) => n >= 0 && n <= 65535, 'must be a port number between 0 and 65535')
      .default(3000),
    SLACK_API_URL: z
      .url({ error: 'must be a URL such as https://slack.com/api/' })
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
      .transform((u) => (u.endsWith('/') ? u : `${u}/`))
      .optional(),
    DATABASE_PATH: z.string().min(1, 'must be a file path').default('./data/tickler.db'),
    ADMIN_USER_IDS: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .refine((ids) => ids.every((id) => slackUserId.test(id)), 'must be a comma-separated list of Slack user ids such as U012ABCDEF'),
    AGENCY_TZ: z.string().default('America/Chicago').refine(isTimeZone, 'must be an IANA time zone such as America/Chicago'),
    TICKLER_CONFIG: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
    HOLIDAY_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US').default('US'),
    HOLIDAY_STATE: z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be a state or region code such as WI').optional(),
    HOLIDAY_EXTRA_DATES: dateList,
    HOLIDAY_IGNORE_DATES: dateList,
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
  });

export interface Config {
  botToken: string;
  signingSecret: string;
  appToken: string | undefined;
  mode: 'http' | 'socket';
  port: number;
  slackApiUrl: string | undefined;
  databasePath: string;
  adminUserIds: ReadonlySet<string>;
  agencyTz: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  profiles: Record<ProfileId, ProgramProfile>;
  /** Public holidays (date-holidays) plus the agency's own days off: no digest, no working day. */
  holidays: HolidayCalendar;
}

/** Parses the environment; throws ConfigError with one readable line on the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && env[name] === undefined && !issue.message.startsWith('is required') ? 'is required' : issue.message;
    throw new ConfigError(`${name} ${message}`);
  }
  const e = parsed.data;
  let profiles = DEFAULT_PROFILES;
  if (e.TICKLER_CONFIG) {
    let text: string;
    try {
      text = readFileSync(e.TICKLER_CONFIG, 'utf8');
    } catch {
      throw new ConfigError(`TICKLER_CONFIG names a file that cannot be read: ${e.TICKLER_CONFIG}`);
    }
    try {
      profiles = parseProfileConfigText(text, e.TICKLER_CONFIG);
    } catch (err) {
      throw new ConfigError(`TICKLER_CONFIG ${(err as Error).message}`);
    }
  }
  let holidays: HolidayCalendar;
  try {
    holidays = createHolidayCalendar({
      country: e.HOLIDAY_COUNTRY,
      ...(e.HOLIDAY_STATE ? { state: e.HOLIDAY_STATE } : {}),
      extraDates: e.HOLIDAY_EXTRA_DATES,
      ignoreDates: e.HOLIDAY_IGNORE_DATES,
    });
  } catch (err) {
    throw new ConfigError(`HOLIDAY_COUNTRY / HOLIDAY_STATE are not known to the holiday calendar: ${(err as Error).message}`);
  }
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET ?? '',
    appToken: e.SLACK_APP_TOKEN,
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    port: e.PORT,
    slackApiUrl: e.SLACK_API_URL,
    databasePath: e.DATABASE_PATH,
    adminUserIds: new Set(e.ADMIN_USER_IDS),
    agencyTz: e.AGENCY_TZ,
    logLevel: e.LOG_LEVEL,
    profiles,
    holidays,
  };
}

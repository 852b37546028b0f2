// The admin CLI: `npm run cli -- <command>`. Works on the same DATABASE_PATH as the bot, safely
// while it runs (WAL, busy timeout). Prints one line per result; exits non-zero on failure.
import { parseArgs } from 'node:util';
import { WebClient } from '@slack/web-api';
import { ConfigError, loadConfig } from '../config';
import { backupDatabase, closeDatabase, openDatabase, type Db } from '../db/connection';
import { reassignCaseload } from '../db/participants';
import { deactivateStaff, getStaff, listStaff, reactivateStaff, setDefaultOffice, setStaffRole, setSupervisor, upsertStaffProfile } from '../db/staff';
import type { Actor, Role } from '../domain/access';
import { systemClock } from '../domain/clock';
import { CLI_QUEUE, processOwner, sendDigestNow } from '../jobs/digest';
import { createSlackClient, PacedQueue } from '../jobs/paced-queue';
import { createLogger } from '../logger';
import { partnersCommand } from './partners';
import { isFullMember } from '../slack/staff';

const USAGE = `Usage: npm run cli -- <command>

  backup <file>                       online backup of the live database to <file>
  staff list                          everyone registered, with role, team lead and status
  staff add <U…>                      register a workspace member (reads users.info)
  staff role <U…> <case_manager|supervisor|admin>
  staff lead <U…> <supervisor U…|none>  put a worker on a supervisor's team
  staff deactivate <U…>               turn off a worker's access (their participants stay assigned)
  staff activate <U…>                 turn it back on
  staff office <U…> <office|none>     where the worker's face-to-face contacts happen
  digest --now [--user <U…>] [--dry-run]
                                      send the daily digest at once (to everyone with a caseload, or one
                                      person), whatever the day or settings; --dry-run prints it instead
  caseload reassign --from <U…> --to <U…>
                                      move every participant whose primary case manager is --from
  partners import <file.csv>          add and update the partner directory from a CSV file (all rows or none)
  partners export [file.csv|-]        the partner directory as CSV (default: to the screen)
                                      columns: organization,kind,service_area,org_phone,org_email,contact_name,
                                      contact_title,contact_slack_user_id,contact_email,contact_phone

Environment: DATABASE_PATH (default ./data/tickler.db); staff add and digest also need
SLACK_BOT_TOKEN (and SLACK_API_URL for GovSlack), and digest reads AGENCY_TZ, TICKLER_CONFIG
and the HOLIDAY_* settings like the bot.`;

class UsageError extends Error {}
/** Some of the work failed: print what happened and exit 1. */
class PartialFailure extends Error {}

const ROLES: readonly Role[] = ['case_manager', 'supervisor', 'admin'];
/** The CLI acts as an admin; its writes are audited under this id. */
const CLI_ACTOR: Actor = { staffId: 'cli', role: 'admin', active: true, membership: 'full' };

function databasePath(): string {
  return process.env.DATABASE_PATH || './data/tickler.db';
}

function requireStaff(db: Db, id: string | undefined) {
  if (!id) throw new UsageError('a Slack user id is required');
  const row = getStaff(db, id);
  if (!row) throw new UsageError(`${id} is not registered in Tickler (add them with: staff add ${id})`);
  return row;
}

async function staffAdd(db: Db, id: string | undefined): Promise<string> {
  if (!id) throw new UsageError('a Slack user id is required');
  const config = slackConfig();
  const client = new WebClient(config.botToken, { ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}), retryConfig: { retries: 2 } });
  const [info, auth] = await Promise.all([client.users.info({ user: id }), client.auth.test()]);
  const user = info.user ?? {};
  if (!isFullMember(user, auth.team_id)) throw new UsageError(`${id} is not a full member of this workspace (guests and external users cannot be staff)`);
  const row = upsertStaffProfile(
    db,
    { slackUserId: id, displayName: user.profile?.display_name || user.real_name || user.name || id, realName: user.real_name ?? null, tz: user.tz ?? null },
    systemClock.now(),
  );
  return `registered ${row.slackUserId} (${row.role})`;
}

/** Slack settings for the commands that call Slack; the signing secret is not needed here. */
function slackConfig() {
  return loadConfig({ ...process.env, SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET || 'unused-by-cli' });
}

async function digestNow(db: Db, args: string[]): Promise<{ out: string; failed: boolean }> {
  const { values } = parseArgs({ args, options: { now: { type: 'boolean' }, user: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  if (!values.now) throw new UsageError('digest needs --now (the scheduled digest runs inside the bot)');
  const config = slackConfig();
  const results = await sendDigestNow(
    {
      db,
      client: createSlackClient(config.botToken, { slackApiUrl: config.slackApiUrl }),
      profiles: config.profiles,
      clock: systemClock,
      holidays: config.holidays,
      owner: `cli:${processOwner()}`,
      logger: createLogger('warn'),
      agencyTz: config.agencyTz,
      queue: new PacedQueue(CLI_QUEUE),
    },
    { ...(values.user ? { userId: values.user } : {}), dryRun: values['dry-run'] ?? false },
  );
  const lines = results.map((r) => (r.text !== undefined ? `${r.staffId}\t${r.status}\n${r.text}` : `${r.staffId}\t${r.status}${r.error ? `\t${r.error}` : ''}`));
  return { out: lines.join('\n') || 'no one with an active caseload', failed: results.some((r) => r.status === 'failed') };
}

async function run(argv: string[]): Promise<string> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') return USAGE;
  if (command === 'backup') {
    if (!sub) throw new UsageError('backup needs a destination file');
    const db = openDatabase(databasePath());
    try {
      await backupDatabase(db, sub);
      return `backup written to ${sub}`;
    } finally {
      closeDatabase(db);
    }
  }
  const db = openDatabase(databasePath());
  try {
    if (command === 'staff') {
      switch (sub) {
        case 'list':
          return (
            listStaff(db)
              .map((s) => `${s.slackUserId}\t${s.role}\t${s.supervisorId ?? '-'}\t${s.active ? 'active' : 'inactive'}\t${s.displayName}`)
              .join('\n') || 'no staff registered yet'
          );
        case 'add':
          return await staffAdd(db, rest[0]);
        case 'role': {
          const row = requireStaff(db, rest[0]);
          const role = rest[1] as Role;
          if (!ROLES.includes(role)) throw new UsageError(`role must be one of ${ROLES.join(', ')}`);
          setStaffRole(db, row.slackUserId, role);
          return `${row.slackUserId} is now ${role}`;
        }
        case 'lead': {
          const row = requireStaff(db, rest[0]);
          if (rest[1] === 'none') {
            setSupervisor(db, row.slackUserId, null);
            return `${row.slackUserId} has no team lead`;
          }
          const lead = requireStaff(db, rest[1]);
          if (lead.role === 'case_manager') throw new UsageError(`${lead.slackUserId} is not a supervisor (staff role ${lead.slackUserId} supervisor)`);
          if (lead.slackUserId === row.slackUserId) throw new UsageError('a person cannot lead themselves');
          setSupervisor(db, row.slackUserId, lead.slackUserId);
          return `${row.slackUserId} is on ${lead.slackUserId}'s team`;
        }
        case 'deactivate':
          deactivateStaff(db, requireStaff(db, rest[0]).slackUserId, systemClock.now());
          return `${rest[0]} deactivated`;
        case 'activate':
          reactivateStaff(db, requireStaff(db, rest[0]).slackUserId);
          return `${rest[0]} activated`;
        case 'office': {
          const row = requireStaff(db, rest[0]);
          const office = rest.slice(1).join(' ').trim();
          if (!office) throw new UsageError('staff office needs an office name (or none)');
          setDefaultOffice(db, row.slackUserId, office === 'none' ? null : office.slice(0, 150));
          return `${row.slackUserId}'s office: ${office}`;
        }
        default:
          throw new UsageError(`unknown staff command: ${sub ?? '(none)'}`);
      }
    }
    if (command === 'digest') {
      const { out, failed } = await digestNow(db, [sub ?? '', ...rest].filter(Boolean));
      if (failed) throw new PartialFailure(out);
      return out;
    }
    if (command === 'caseload' && sub === 'reassign') {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
      const from = requireStaff(db, values.from);
      const to = requireStaff(db, values.to);
      const moved = reassignCaseload(db, CLI_ACTOR, from.slackUserId, to.slackUserId, systemClock.now());
      return `${moved} participant${moved === 1 ? '' : 's'} moved from ${from.slackUserId} to ${to.slackUserId}`;
    }
    if (command === 'partners') {
      const result = partnersCommand(db, sub, rest, CLI_ACTOR, systemClock.now());
      if (result.kind === 'usage') throw new UsageError(result.message);
      if (result.kind === 'failed') throw new Error(result.message);
      return result.out;
    }
    throw new UsageError(`unknown command: ${argv.join(' ')}`);
  } finally {
    closeDatabase(db);
  }
}

run(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(`${out}\n`);
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PartialFailure) {
      process.stdout.write(`${message}\n`);
      process.stderr.write('some digests could not be sent\n');
      process.exit(1);
    }
    process.stderr.write(`${err instanceof UsageError ? `${message}\n\n${USAGE}` : err instanceof ConfigError ? message : `failed: ${message}`}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);

// Starts Tickler: parse the environment, open and migrate the database, serve Slack.
import { ConfigError, loadConfig, type Config } from './config';
import { closeDatabase, openDatabase } from './db/connection';
import { systemClock } from './domain/clock';
import { createLogger } from './logger';
import { processOwner, startDigestScheduler } from './jobs/digest';
import { startIrtReminderScheduler } from './jobs/irt-reminders';
import { createSlackClient } from './jobs/paced-queue';
import { createSlackApp } from './slack/app';

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Tickler cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  const slack = createSlackApp({ db, clock: systemClock, config, logger });
  const port = await slack.start(config.port);
  logger.info({ mode: config.mode, port, startupMs: Math.round(performance.now() - startedAt) }, 'Tickler is running');
  // The daily digest: a tick every minute, and one now to catch up after downtime.
  const stopDigest = startDigestScheduler({
    db,
    client: createSlackClient(config.botToken, { slackApiUrl: config.slackApiUrl }),
    profiles: config.profiles,
    clock: systemClock,
    holidays: config.holidays,
    owner: processOwner(),
    logger: logger.child({ component: 'digest' }),
    agencyTz: config.agencyTz,
  });
  // IRT reminders (24 hours before a meeting, action items on their due date): a tick every minute.
  const stopIrtReminders = startIrtReminderScheduler({
    db,
    client: createSlackClient(config.botToken, { slackApiUrl: config.slackApiUrl }),
    clock: systemClock,
    config,
    logger: logger.child({ component: 'irt-reminders' }),
    owner: processOwner(),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await stopDigest();
      await stopIrtReminders();
      await slack.stop();
    } finally {
      closeDatabase(db);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Tickler stopped: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

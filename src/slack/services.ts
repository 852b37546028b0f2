import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { Clock } from '../domain/clock';

/** What every listener gets: the database, the clock, the configuration and a logger. */
export interface Services {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
}

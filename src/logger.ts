import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import pino, { type Logger } from 'pino';

/** JSON lines on stdout. Callers log ids and counts only: never note bodies or participant names. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'tickler' }, redact: ['token', '*.token', 'headers.authorization'] });
}

/** Bolt's logger interface on top of pino, so Bolt's own messages land in the same stream. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = (child.level as LogLevel) ?? LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
      child.level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

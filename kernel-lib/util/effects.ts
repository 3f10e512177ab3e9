/**
 * Side effects every long-running function takes as a parameter, so tests can stub them.
 * Defaults write to stderr and read the real clock.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** A transient status line (shown on a TTY only; may be ignored). */
  progress(message: string): void;
}

export interface Clock {
  now(): Date;
}

export interface Effects {
  logger: Logger;
  clock: Clock;
}

/**
 * @example
 * consoleLogger.warn('no daily file on 2026-01-01'); // stderr: 'warning: no daily file on 2026-01-01'
 * const run = await openCourseRun(sampleCourseRun(), { logger: consoleLogger });
 */
export const consoleLogger: Logger = {
  info: (message) => process.stderr.write(message + '\n'),
  warn: (message) => process.stderr.write('warning: ' + message + '\n'),
  progress: (message) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K' + message);
  }
};

/**
 * @example
 * const run = await openCourseRun(sampleCourseRun(), { logger: silentLogger }); // no messages at all
 */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, progress: () => {} };

/**
 * @example
 * systemClock.now(); // the current time (the default clock of every call that takes effects)
 */
export const systemClock: Clock = { now: () => new Date() };

export const defaultEffects: Effects = { logger: consoleLogger, clock: systemClock };

/** Fills in the defaults for a partial effects object. */
export function withDefaults(effects: Partial<Effects> = {}): Effects {
  return { ...defaultEffects, ...effects };
}

/**
 * A logger that records every message, for tests.
 *
 * @example
 * const logger = memoryLogger();
 * const run = await openCourseRun(sampleCourseRun(), { logger: logger });
 * logger.lines; // ['info: ...', 'warn: ...']: each message a string, to show as table rows
 */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push('info: ' + m),
    warn: (m) => lines.push('warn: ' + m),
    progress: () => {}
  };
}

/**
 * A clock fixed at one instant, for tests.
 *
 * @example
 * fixedClock('2026-01-02T03:04:05Z').now().toISOString(); // '2026-01-02T03:04:05.000Z'
 */
export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}

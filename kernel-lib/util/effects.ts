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

export const consoleLogger: Logger = {
  info: (message) => process.stderr.write(message + '\n'),
  warn: (message) => process.stderr.write('warning: ' + message + '\n'),
  progress: (message) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K' + message);
  }
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, progress: () => {} };

export const systemClock: Clock = { now: () => new Date() };

export const defaultEffects: Effects = { logger: consoleLogger, clock: systemClock };

/** Fills in the defaults for a partial effects object. */
export function withDefaults(effects: Partial<Effects> = {}): Effects {
  return { ...defaultEffects, ...effects };
}

/** A logger that records every message, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push('info: ' + m),
    warn: (m) => lines.push('warn: ' + m),
    progress: () => {}
  };
}

/** A clock fixed at one instant, for tests. */
export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}

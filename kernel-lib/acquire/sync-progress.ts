import type { Effects } from '../util/effects';

/** `1234567` -> `1.2 MB` (decimal units, as S3 consoles show). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Counts bytes and files of a sync and shows them through `logger.progress` (TTY only). */
export interface SyncProgress {
  addBytes(bytes: number): void;
  fileDone(): void;
  /** Clears the progress line. */
  end(): void;
}

/** A progress line redrawn at most every `intervalMs` (by the injected clock). */
export function syncProgress(effects: Effects, totalFiles: number, totalBytes: number, intervalMs = 200): SyncProgress {
  let files = 0;
  let bytes = 0;
  let last = 0;
  const draw = (force: boolean): void => {
    const now = effects.clock.now().getTime();
    if (!force && now - last < intervalMs) return;
    last = now;
    effects.logger.progress(`sync: ${files}/${totalFiles} files, ${formatBytes(bytes)} of ${formatBytes(totalBytes)}`);
  };
  return {
    addBytes(n) {
      bytes += n;
      draw(false);
    },
    fileDone() {
      files += 1;
      draw(true);
    },
    end() {
      effects.logger.progress('');
    }
  };
}

import { performance } from 'node:perf_hooks';

/** Named phase durations in seconds (written to manifest.json for the benchmark and curious users). */
export class Stopwatch {
  readonly phases: Record<string, number> = {};
  private last = performance.now();

  /** Records the time since the previous lap (or creation) under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.add(name, (now - this.last) / 1000);
    this.last = now;
  }

  /** Records a duration measured elsewhere (e.g. work that ran beside the laps). */
  add(name: string, seconds: number): void {
    this.phases[name] = Math.round(seconds * 1000) / 1000 + (this.phases[name] ?? 0);
  }
}

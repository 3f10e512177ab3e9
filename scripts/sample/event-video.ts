/**
 * Video events (edx-data-formats.md 5.4): payloads for browser (`event` a compact JSON string
 * written by the player's JavaScript) and mobile (`name` edx.video.*), and a small simulator that
 * turns "watch this video from here" into play/pause/seek/stop steps whose positions advance in
 * step with wall-clock time.
 */
import type { Rng } from './prng';

export type VideoAction =
  | 'load_video'
  | 'play_video'
  | 'pause_video'
  | 'stop_video'
  | 'seek_video'
  | 'speed_change_video'
  | 'show_transcript'
  | 'hide_transcript'
  | 'video_show_cc_menu'
  | 'video_hide_cc_menu';

/** The `name` mobile events carry for each legacy event_type. */
export const MOBILE_VIDEO_NAMES: Partial<Record<VideoAction, string>> = {
  load_video: 'edx.video.loaded',
  play_video: 'edx.video.played',
  pause_video: 'edx.video.paused',
  stop_video: 'edx.video.stopped',
  seek_video: 'edx.video.position.changed',
  show_transcript: 'edx.video.transcript.shown',
  hide_transcript: 'edx.video.transcript.hidden'
};

/** One step of watching: what happened, seconds after the start, and the payload fields. */
export interface WatchStep {
  action: VideoAction;
  /** Seconds after the watch started. */
  at: number;
  fields: Record<string, unknown>;
}

/** Rounds a position to the player's typical precision. */
export function position(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Payload of a video event: `id`, `code`, then the action's own fields. */
export function videoPayload(id: string, code: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { id, code, ...fields };
}

/** Options of {@link simulateWatch}. */
export interface WatchOptions {
  /** Video length in seconds. */
  duration: number;
  /** Where the learner resumes (seconds). */
  from: number;
  /** Playback speed in effect ("1.0", "1.25", "1.50", "2.0"). */
  speed: string;
  /** Whether play events carry `duration` (newer players). */
  withDuration: boolean;
  /** Whether the player may change speed and transcripts (browser only). */
  browser: boolean;
}

/** Result of a watch: the steps, the final position and speed, and how long it took (s). */
export interface WatchResult {
  steps: WatchStep[];
  end: number;
  speed: string;
  elapsed: number;
}

/** Player speeds with how often learners pick them. */
const SPEEDS: ReadonlyArray<readonly [string, number]> = [
  ['1.0', 4],
  ['1.25', 3],
  ['1.50', 3],
  ['2.0', 1],
  ['0.75', 1]
];

/**
 * Simulates one viewing: load, then segments of playing interrupted by pauses, seeks, speed or
 * transcript changes, ending with a stop at the end of the video or a pause when the learner
 * leaves. Positions advance by elapsed time x speed.
 */
export function simulateWatch(rng: Rng, o: WatchOptions): WatchResult {
  const steps: WatchStep[] = [];
  let t = 0;
  let pos = o.from >= o.duration - 2 ? 0 : o.from;
  let speed = o.speed;
  let transcript = false;
  const dur = (extra: Record<string, unknown>) => (o.withDuration ? { ...extra, duration: o.duration } : extra);
  steps.push({ action: 'load_video', at: t, fields: {} });
  t += rng.between(1, 6);
  const leaveAfter = rng.chance(0.65) ? o.duration * 2 : rng.between(20, o.duration);
  let watched = 0;
  for (let guard = 0; guard < 12; guard++) {
    steps.push({ action: 'play_video', at: t, fields: dur({ currentTime: position(pos) }) });
    const rate = Number(speed);
    const segment = Math.min(o.duration - pos, rng.between(15, Math.max(30, o.duration * 0.6)));
    // Things that happen while playing, at a point inside the segment.
    const mid = rng.between(0.2, 0.8) * segment;
    if (o.browser && rng.chance(0.05)) {
      const next = rng.weighted(SPEEDS.filter(([s]) => s !== speed));
      steps.push({
        action: 'speed_change_video',
        at: t + mid / rate,
        fields: { current_time: position(pos + mid), old_speed: speed, new_speed: next }
      });
      t += mid / rate;
      pos += mid;
      speed = next;
      const rest = segment - mid;
      t += rest / Number(speed);
      pos += rest;
    } else {
      if (o.browser && rng.chance(0.1)) {
        steps.push({
          action: transcript ? 'hide_transcript' : 'show_transcript',
          at: t + mid / rate,
          fields: { currentTime: position(pos + mid) }
        });
        transcript = !transcript;
      }
      t += segment / rate;
      pos += segment;
    }
    watched += segment;
    if (pos >= o.duration - 0.5) {
      pos = o.duration;
      steps.push({ action: 'stop_video', at: t, fields: { currentTime: position(pos) } });
      break;
    }
    if (watched >= leaveAfter) {
      steps.push({ action: 'pause_video', at: t, fields: { currentTime: position(pos) } });
      break;
    }
    const r = rng.float();
    if (r < 0.45) {
      steps.push({ action: 'pause_video', at: t, fields: { currentTime: position(pos) } });
      t += rng.between(2, 90);
    } else if (r < 0.8) {
      const back = rng.chance(0.6);
      const target = back ? Math.max(0, pos - rng.between(5, 60)) : Math.min(o.duration - 1, pos + rng.between(5, 90));
      steps.push({ action: 'pause_video', at: t, fields: { currentTime: position(pos) } });
      t += rng.between(0.2, 1.5);
      steps.push({
        action: 'seek_video',
        at: t,
        fields: {
          old_time: position(pos),
          new_time: position(target),
          type: rng.chance(0.85) ? 'onSlideSeek' : 'onCaptionSeek'
        }
      });
      pos = target;
      t += rng.between(0.3, 2);
    } else {
      steps.push({ action: 'pause_video', at: t, fields: { currentTime: position(pos) } });
      t += rng.between(30, 400);
    }
  }
  return { steps, end: pos, speed, elapsed: t };
}

/** Bumper (pre-roll) event payload: `host_component_id` is the main video's id. */
export function bumperPayload(mainVideoId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { host_component_id: mainVideoId, bumper_id: '/static/videos/bumper.mp4', code: 'html5', ...fields };
}

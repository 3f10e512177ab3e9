/**
 * The envelope of one tracking-log line (edx-data-formats.md 5.2): who, when, where, plus the
 * `event` payload built by the family modules. Lines are written as Python's json.dumps wrote
 * them on edX's servers, with a key order that varies between a few real-world layouts.
 */
import { type CourseDef, coursePath } from './courses';
import { type KeyLayout, RawJson, keyLayout, pyDumps, pyDumpsOrdered } from './python-json';
import { type TimeStyle, eventTime } from './time';

/** Who caused an event and from where. `userId` null or '' (with username '') is anonymous. */
export interface Actor {
  userId: number | '' | null;
  username: string;
  ip: string;
  agent: string;
  session: string;
  /** The `host` field (the LMS host name or an app server). */
  host: string;
  /** Base URL of `page` (https://courses.edx.org or https://edge.edx.org). */
  baseUrl: string;
}

/** One generated line with what the generator needs to place and count it. */
export interface TrackingEvent {
  /** The event's own time, microseconds. */
  us: number;
  /** When the line reached the log: decides the daily file and the order inside it. */
  arrivalUs: number;
  line: string;
  /** Course label (C1, C2, ...) or null when the line names no course. */
  course: string | null;
  userId: number | null;
  eventType: string;
}

/** Options shared by every envelope. */
export interface EnvelopeOptions {
  actor: Actor;
  /** null: the line carries empty org_id/course_id. */
  course: CourseDef | null;
  us: number;
  /** How `time` is written (default micro). */
  timeStyle?: TimeStyle;
  /** Which key layout to use (index into the layouts; taken modulo their number). */
  layout?: number;
  /** Write `/` in context.course_id as `\/` (seen in some real lines). */
  escapeSlashes?: boolean;
  /** Course label for bookkeeping when `course` is null but the event is about one. */
  label?: string | null;
  /** `host` of this line when it differs from the actor's usual host. */
  host?: string;
}

const BROWSER_LAYOUTS: KeyLayout[] = [
  keyLayout([
    'username',
    'event_type',
    'ip',
    'agent',
    'host',
    'referer',
    'accept_language',
    'session',
    'event',
    'event_source',
    'context',
    'time',
    'page',
    'name'
  ]),
  keyLayout([
    'name',
    'username',
    'event_source',
    'accept_language',
    'time',
    'agent',
    'page',
    'host',
    'session',
    'referer',
    'context',
    'ip',
    'event',
    'event_type'
  ]),
  keyLayout([
    'event_source',
    'username',
    'session',
    'ip',
    'event_type',
    'event',
    'agent',
    'page',
    'time',
    'context',
    'host',
    'referer',
    'accept_language',
    'name'
  ])
];
const SERVER_LAYOUTS: KeyLayout[] = [
  keyLayout([
    'username',
    'event_source',
    'name',
    'time',
    'page',
    'host',
    'session',
    'context',
    'ip',
    'event',
    'event_type',
    'agent',
    'referer',
    'accept_language'
  ]),
  keyLayout([
    'username',
    'event_type',
    'ip',
    'agent',
    'host',
    'referer',
    'accept_language',
    'event',
    'event_source',
    'context',
    'time',
    'page',
    'name',
    'session'
  ]),
  keyLayout([
    'event_type',
    'event',
    'event_source',
    'context',
    'time',
    'username',
    'page',
    'name',
    'host',
    'ip',
    'agent',
    'session',
    'referer',
    'accept_language'
  ])
];
const MOBILE_LAYOUTS: KeyLayout[] = [
  keyLayout([
    'username',
    'event_source',
    'name',
    'time',
    'ip',
    'agent',
    'host',
    'session',
    'context',
    'event',
    'event_type',
    'page',
    'referer',
    'accept_language'
  ]),
  keyLayout([
    'name',
    'event_type',
    'event',
    'context',
    'username',
    'event_source',
    'time',
    'host',
    'ip',
    'session',
    'agent',
    'page',
    'referer',
    'accept_language'
  ])
];
const CONTEXT_LAYOUTS: KeyLayout[] = [
  keyLayout(['course_user_tags', 'user_id', 'org_id', 'course_id', 'path', 'module', 'enterprise_uuid']),
  keyLayout(['user_id', 'course_id', 'org_id', 'path', 'course_user_tags', 'enterprise_uuid', 'module']),
  keyLayout(['path', 'module', 'course_id', 'org_id', 'user_id', 'course_user_tags', 'enterprise_uuid'])
];

function pickLayout<T>(layouts: readonly T[], index = 0): T {
  return layouts[((index % layouts.length) + layouts.length) % layouts.length]!;
}

function baseContext(o: EnvelopeOptions, path: string): Record<string, unknown> {
  return {
    user_id: o.actor.userId,
    org_id: o.course ? o.course.org : '',
    course_id: o.course ? o.course.courseId : '',
    path
  };
}

function finish(
  o: EnvelopeOptions,
  body: Record<string, unknown>,
  layouts: readonly KeyLayout[],
  eventType: string,
  arrivalUs?: number
): TrackingEvent {
  const context = body.context as Record<string, unknown>;
  body.context = new RawJson(pyDumpsOrdered(context, pickLayout(CONTEXT_LAYOUTS, o.layout ?? 0)));
  let line = pyDumpsOrdered(body, pickLayout(layouts, o.layout ?? 0));
  if (o.escapeSlashes && o.course) {
    const plain = '"course_id": "' + o.course.courseId + '"';
    line = line.replace(plain, '"course_id": "' + o.course.courseId.replace(/\//g, '\\/') + '"');
  }
  const uid = o.actor.userId;
  return {
    us: o.us,
    arrivalUs: arrivalUs ?? o.us,
    line,
    course: o.label !== undefined ? o.label : o.course ? o.course.label : null,
    userId: typeof uid === 'number' ? uid : null,
    eventType
  };
}

/** Page URL under the actor's site. */
export function pageUrl(actor: Actor, path: string): string {
  return actor.baseUrl + path;
}

/** A browser event (sent by the page's JavaScript to /event): `event` is usually a JSON string. */
export function browserEvent(
  o: EnvelopeOptions & { eventType: string; event: string | object; page: string; name?: string }
): TrackingEvent {
  const body: Record<string, unknown> = {
    username: o.actor.username,
    event_type: o.eventType,
    ip: o.actor.ip,
    agent: o.actor.agent,
    host: o.host ?? o.actor.host,
    referer: o.page,
    accept_language: 'en-US,en;q=0.9',
    session: o.actor.session,
    event: o.event,
    event_source: 'browser',
    context: baseContext(o, '/event'),
    time: eventTime(o.us, o.timeStyle),
    page: o.page
  };
  if (o.name) body.name = o.name;
  return finish(o, body, BROWSER_LAYOUTS, o.eventType);
}

/** A server event emitted by the LMS (`event` is an object). */
export function serverEvent(
  o: EnvelopeOptions & {
    eventType: string;
    event: object;
    path: string;
    /** Also write `name` (= event_type unless given). */
    name?: string | true;
    module?: { display_name: string; usage_key?: string };
    tags?: Record<string, string>;
    page?: string | null;
  }
): TrackingEvent {
  const context = baseContext(o, o.path);
  if (o.course) context.course_user_tags = o.tags ?? {};
  if (o.module) context.module = o.module;
  const body: Record<string, unknown> = {
    username: o.actor.username,
    event_source: 'server',
    time: eventTime(o.us, o.timeStyle),
    page: o.page ?? null,
    host: o.host ?? o.actor.host,
    session: o.actor.session,
    context,
    ip: o.actor.ip,
    agent: o.actor.agent,
    referer: o.actor.baseUrl + (o.course ? coursePath(o.course, 'courseware') : '/dashboard'),
    accept_language: 'en-US,en;q=0.9',
    event: o.event,
    event_type: o.eventType
  };
  if (o.name) body.name = o.name === true ? o.eventType : o.name;
  return finish(o, body, SERVER_LAYOUTS, o.eventType);
}

/**
 * An implicit page-view event: the LMS logs every request with `event_type` = the URL path and
 * `event` = a string holding the GET/POST parameters (truncated at 512 characters).
 */
export function implicitEvent(
  o: EnvelopeOptions & {
    path: string;
    post?: Record<string, string[]>;
    get?: Record<string, string[]>;
    tags?: Record<string, string>;
  }
): TrackingEvent {
  const context = baseContext(o, o.path);
  if (o.course) context.course_user_tags = o.tags ?? {};
  const body: Record<string, unknown> = {
    username: o.actor.username,
    event_source: 'server',
    event_type: o.path,
    context,
    time: eventTime(o.us, o.timeStyle),
    ip: o.actor.ip,
    event: pyDumps({ POST: o.post ?? {}, GET: o.get ?? {} }).slice(0, 512),
    agent: o.actor.agent,
    host: o.host ?? o.actor.host,
    page: null,
    session: o.actor.session,
    referer: o.actor.baseUrl + '/dashboard',
    accept_language: 'en-US,en;q=0.9'
  };
  return finish(o, body, SERVER_LAYOUTS, o.path);
}

/** The mobile app's identity in `context`. */
export interface MobileApp {
  platform: 'android' | 'ios';
  version: string;
  device: string;
}

/**
 * A mobile-app event (Segment): `event_source` mobile, `name` edx.video.*, `ip` and `session`
 * empty, `context.received_at`, `event` a JSON string; `time` usually has no microseconds.
 */
export function mobileEvent(
  o: EnvelopeOptions & { eventType: string; name: string; event: object; receivedUs: number; app: MobileApp }
): TrackingEvent {
  const context = baseContext(o, '/segment/event');
  context.received_at = eventTime(o.receivedUs, 'micro');
  context.application = {
    name: o.app.platform === 'android' ? 'edx.mobileapp.android' : 'edx.mobileapp.iOS',
    version: o.app.version
  };
  context.client = { device: { model: o.app.device }, os: { name: o.app.platform === 'android' ? 'Android' : 'iOS' } };
  context.component = 'videoplayer';
  const body: Record<string, unknown> = {
    username: o.actor.username,
    event_source: 'mobile',
    name: o.name,
    time: eventTime(o.us, o.timeStyle ?? 'seconds'),
    ip: '',
    agent:
      o.app.platform === 'android'
        ? `Dalvik/2.1.0 (Linux; U; Android 14; ${o.app.device})`
        : `edX/${o.app.version} CFNetwork/1494.0.7 Darwin/23.4.0`,
    host: o.host ?? o.actor.host,
    session: '',
    context,
    event: pyDumps(o.event),
    event_type: o.eventType,
    page: null
  };
  return finish(o, body, MOBILE_LAYOUTS, o.eventType, o.receivedUs);
}

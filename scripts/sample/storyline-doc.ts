/**
 * Renders data/STORYLINE.md: every scripted line of the sample as a table row, the storyline
 * forum documents, and the edge re-delivery duplicates, generated from the same data as the
 * files so the document cannot drift from the drop.
 */
import { C1 } from './courses';
import { P1_ID, P2_ID, POSTSURVEY_ID, PRESURVEY_ID, V1_ID, V2_ID } from './course-content';
import type { TrackingEvent } from './event-envelope';
import { mongoDate } from './forum-dump';
import { leafById } from './outline';
import { dayOf } from './time';
import { ENCRYPTED_DAY, type SampleWorld } from './world';

const SECTIONS: Array<{ id: string; title: string; text: string }> = [
  {
    id: 'enrollments',
    title: 'Enrollment events of the storyline learners',
    text: 'Server `edx.course.enrollment.activated` lines (path `/change_enrollment`).'
  },
  {
    id: 'video-1001',
    title: '1001: browser video V1 on 2026-01-05',
    text:
      'V1 = block `' +
      V1_ID +
      '` (course_structure `metadata.duration` 120). `event` is a JSON string from the player, except `speed_change_video`, whose `event` is an **object**. One of these lines (the `load_video`) is also repeated in the 2026-01-05 edge file. Note: after the speed change to 1.50 the logged positions keep advancing at about 1x wall-clock time (as scripted).'
  },
  {
    id: 'mobile-1001',
    title: '1001: mobile video V2 on 2026-01-06',
    text:
      'V2 = block `' +
      V2_ID +
      '` (no duration in course_structure; play events carry `duration: 120`). `time` has no microseconds; `context.received_at` is 2.417305 s later; `ip` and `session` are empty.'
  },
  {
    id: 'problems-1002',
    title: '1002: surveys and graded problems',
    text:
      'Server `problem_check` carries `context.module.display_name`. Surveys: `' +
      PRESURVEY_ID +
      '` (display name `Pre-course survey`) and `' +
      POSTSURVEY_ID +
      '` (`Post-survey`). P1 = `' +
      P1_ID +
      '` (`Quiz 1`, max_grade 2); P2 = `' +
      P2_ID +
      '` (`Essay check`, max_grade 5, the check has **no `grade`**; staff grade it on 2026-01-12 without an event, so studentmodule shows grade NULL in the 2026-01-11 snapshot and 4.0 in 2026-02-15). Answer keys are `<block id>_<n>_<m>` (`presurvey_2_1_other` is an "other" text field). Both surveys ask "How confident are you analysing data?" (pre 5_1, post 4_1; choices Not at all confident, Slightly confident, Somewhat confident, Confident, Very confident): 1002 answers `choice_1` (Slightly confident) before and `choice_3` (Confident) after, a shift of +2. Every other learner answers it from their skill (see scripts/sample/outline.ts `fromSkill`).'
  },
  {
    id: 'forum',
    title: '1003 / 1004: forum',
    text: 'Server events, `name` = `event_type`. The matching `.mongo` documents are listed below.'
  },
  {
    id: 'textbook-1003',
    title: '1003: PDF textbook on 2026-01-12',
    text: 'Browser events, `event` a JSON string; dotted event types.'
  },
  {
    id: 'pages-1003',
    title: '1003: implicit page views',
    text: '`event_type` is the URL path. `/courseware/<chapter>/<sequential>/` is a sub-page (not a `/courseware` hit). The first line is stored in the **2025-12-15** file although its `time` is 2025-12-14T23:59:59.999999 (late arrival: outside a window that starts on 2025-12-15).'
  },
  {
    id: 'bumper-1004',
    title: '1004: video bumper (pre-roll) on 2026-01-12',
    text: 'Browser events with dotted names; `host_component_id` is V1.'
  },
  {
    id: 'lookalike-1061',
    title: '1061: the look-alike course C3 (`course-v1:SamcedX+DATA101+1T2026B`)',
    text: "C3 is a re-run of C1 with the **same block ids**, so these video events carry the same `id` as C1's V1. A substring course match (org, number and run as substrings) wrongly counts them into C1."
  },
  {
    id: 'traps',
    title: 'Edge cases (traps)',
    text: 'Anonymous lines (`context.user_id` null, and `""`, with `username` `""`); a line with empty `context.course_id`/`org_id` whose `page` is a C1 URL (not a C1 event); a C2 line whose `context.course_id` is written with escaped slashes (`SamcedX\\/HIST.201x\\/2025_Fall`); a C2 line whose `time` has no zone (2013 style).'
  }
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fileOf(event: TrackingEvent): string {
  const day = dayOf(event.arrivalUs);
  return `samcedx-edx-events-${day}.log.gz${day === ENCRYPTED_DAY ? '.gpg' : ''}`;
}

/** The text of the top-level `"event": ...` value exactly as written in the line. */
export function rawEventText(line: string): string {
  const start = line.indexOf('"event": ');
  if (start < 0) throw new Error('no event in line');
  let i = start + 9;
  const open = line[i];
  if (open !== '{' && open !== '[') return line.slice(i, line.indexOf(',', i));
  let depth = 0;
  let inString = false;
  for (; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return line.slice(start + 9, i + 1);
    }
  }
  throw new Error('unterminated event in line');
}

/** A short, exact rendering of the payload (server problem_check and forum events: key fields only). */
function payload(parsed: Record<string, unknown>, line: string): string {
  const event = parsed.event;
  if (typeof event === 'string') return event === '' ? '`""` (empty string)' : '`' + event + '` (string)';
  const obj = event as Record<string, unknown>;
  if (parsed.event_type === 'problem_check' && parsed.event_source === 'server') {
    const keep: Record<string, unknown> = {};
    for (const k of ['problem_id', 'answers', 'attempts', 'grade', 'max_grade', 'success'])
      if (k in obj) keep[k] = obj[k];
    return '`' + JSON.stringify(keep) + '` (object; also correct_map, state, submission)';
  }
  if (String(parsed.event_type).startsWith('edx.forum.')) {
    const keep: Record<string, unknown> = {};
    for (const k of ['id', 'title', 'discussion', 'response', 'commentable_id']) if (k in obj) keep[k] = obj[k];
    return '`' + JSON.stringify(keep) + '` (object; abridged)';
  }
  return '`' + rawEventText(line) + '` (object, as written)';
}

function row(event: TrackingEvent): string {
  const p = JSON.parse(event.line) as Record<string, unknown>;
  const ctx = (p.context ?? {}) as Record<string, unknown>;
  return `| ${cell(fileOf(event))} | ${cell(String(p.time))} | ${cell(JSON.stringify(ctx.user_id))} | ${cell(String(p.event_type))} | ${cell(p.name ? String(p.name) : '')} | ${p.event_source} | ${cell(payload(p, event.line))} |`;
}

/** The STORYLINE.md text. */
export function storylineMarkdown(world: SampleWorld): string {
  const c1 = world.outlines.get(C1)!;
  const out: string[] = [];
  out.push('# Sample drop storyline', '');
  out.push('Generated by `npm run build:sample` from `scripts/sample/storyline.ts`; do not edit by hand.', '');
  out.push(
    'Learners **1001-1004** (C1) and **1061** (C3) have no events other than the ones listed here, so every per-user',
    'aggregate for them can be computed from this page. All times are UTC. The `file` column names the daily file',
    `under \`data/sample-drop/edx-course-data/samcedx/edx/events/<YYYY>/\` (the ${ENCRYPTED_DAY} file exists only as \`.gpg\`).`,
    'Learner 1031 is enrolled in C1 but has C2 events only. Payload cells show the decoded `event` (strings as written).',
    ''
  );
  out.push('Key blocks of C1:', '');
  out.push('| block | usage key | display name | notes |', '|---|---|---|---|');
  const leaf = (id: string, notes: string) => {
    const l = leafById(c1, id);
    out.push(`| ${id} | \`${l.key}\` | ${l.displayName} | ${notes} |`);
  };
  leaf(V1_ID, 'video V1, duration 120 in course_structure');
  leaf(V2_ID, 'video V2, no duration in course_structure (120 s)');
  leaf(
    PRESURVEY_ID,
    'survey, 4 inputs (2_1 choice, 3_1 checkboxes, 4_1 text, 5_1 choice: confidence, also asked as post 4_1), max_grade 3'
  );
  leaf(POSTSURVEY_ID, 'survey, 3 inputs (2_1 choice, 3_1 text, 4_1 choice: confidence), max_grade 2');
  leaf(P1_ID, 'graded, 2 inputs (2_1 = choice_2, 3_1 = 42), max_grade 2');
  leaf(P2_ID, 'graded open response, max_grade 5, checks have no grade');
  out.push('');
  for (const section of SECTIONS) {
    const lines = world.scripted
      .filter((s) => s.section === section.id)
      .map((s) => s.event)
      .sort((a, b) => a.us - b.us);
    if (lines.length === 0) continue;
    out.push(`## ${section.title}`, '', section.text, '');
    out.push('| file | time | user_id | event_type | name | source | event payload |', '|---|---|---|---|---|---|---|');
    for (const e of lines) out.push(row(e));
    out.push('');
  }
  out.push('## Storyline forum documents (C1 `.mongo`)', '');
  out.push(
    'Present in every C1 `.mongo` snapshot taken after their creation (2026-01-11 and 2026-02-15). `created_at` uses all three mongoexport forms, so a string sort misorders them. Background learners never reply to these threads.',
    ''
  );
  out.push(
    '| doc | _id | _type | author_id | created_at (as written) | comment_thread_id | parent_id |',
    '|---|---|---|---|---|---|---|'
  );
  const names = new Map<string, string>();
  const scripted = world.forum.docs.filter((d) => d.scripted);
  const label = ['T1', 'R1', 'C1', 'T2'];
  scripted.forEach((d, i) => {
    names.set(d.oid, label[i]!);
  });
  for (const d of scripted) {
    out.push(
      `| ${names.get(d.oid)} | \`${d.oid}\` | ${d.type} | "${d.authorId}" | \`${JSON.stringify(mongoDate(d.createdUs, d.dateForm))}\` | ${d.threadOid ? names.get(d.threadOid) : ''} | ${d.parentOid ? names.get(d.parentOid) : ''} |`
    );
  }
  out.push('');
  out.push('## Edge re-delivery', '');
  out.push(
    "Each edge file (`edx-course-data/samcedx/edge/events/2026/samcedx-edge-events-<day>.log.gz`) holds edge-only C1 lines (`host` `edge.edx.org`) plus these lines copied byte-for-byte from the same day's edx file; a reader must drop the exact duplicates.",
    ''
  );
  out.push('| edge file day | time | user_id | event_type |', '|---|---|---|---|');
  for (const [day, dups] of world.edgeDuplicates) {
    for (const e of dups) {
      const p = JSON.parse(e.line) as Record<string, unknown>;
      out.push(
        `| ${day} | ${p.time} | ${JSON.stringify((p.context as Record<string, unknown>).user_id)} | ${cell(String(p.event_type))} |`
      );
    }
  }
  out.push('');
  return out.join('\n');
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buffer } from 'node:stream/consumers';
import { loadDecryptionKey, openDecryptedStream } from '../../kernel-lib/acquire';

/**
 * Every personal value of a drop, read from the drop's own files (not a hand list), by kind. Values
 * are unescaped as the loader unescapes them (`\t`, `\n`, `\r`, `\\`). Numeric ids are not here: they
 * are short and common, and the tests check them by column (every id column holds a keyed hash).
 */
export interface DropIdentifiers {
  /** kind (e.g. `auth_user.username`) -> values */
  byKind: Map<string, Set<string>>;
}

/** A choice id, a list of them, or a number: a survey or problem answer that is not free text. */
export const NOT_FREE_TEXT = /^(choice_\d+(,choice_\d+)*|-?\d+(\.\d+)?)?$/;

function unescapeTsv(field: string): string {
  return field.replace(/\\(.)/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '0' ? '\0' : c
  );
}

/** Rows of an edX TSV export as objects keyed by header name. */
function readTsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n');
  const names = header!.split('\t');
  return lines
    .filter((l) => l.length > 0)
    .map((line) => {
      const fields = line.split('\t');
      return Object.fromEntries(names.map((n, i) => [n, unescapeTsv(fields[i] ?? '')]));
    });
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Free-text answers in an `answers`/`student_answers` object (strings that are not choices or numbers). */
function freeTextAnswers(answers: unknown, add: (v: string) => void): void {
  if (!answers || typeof answers !== 'object') return;
  for (const value of Object.values(answers as Record<string, unknown>)) {
    if (typeof value === 'string' && !NOT_FREE_TEXT.test(value)) add(value);
  }
}

/**
 * Collects from every snapshot (all courses of the drop, so a value leaking from a neighbour course
 * counts too): auth_user usernames, emails and full names; auth_userprofile names, free-text fields
 * (language, location, city, goals, bio, mailing address); certificate names, verify/download uuids,
 * keys and URLs; user_id_map hashed ids and usernames; wiki revision texts, titles, messages and IPs;
 * free-text answers in courseware_studentmodule state; forum bodies, titles and usernames; the email
 * opt-in file's names and emails. From every daily event file (the `.gpg` one decrypted with the
 * sample key): usernames, IPs, sessions, forum bodies/titles/target usernames and free-text answers
 * of problem checks.
 */
export async function dropIdentifiers(
  drop: string,
  key: { keyFile: string; passphrase?: string }
): Promise<DropIdentifiers> {
  const byKind = new Map<string, Set<string>>();
  const add = (kind: string, value: string | null | undefined) => {
    if (value === undefined || value === null) return;
    const v = value.trim();
    if (v === '' || v === 'NULL') return;
    if (!byKind.has(kind)) byKind.set(kind, new Set());
    byKind.get(kind)!.add(v);
  };
  const files = walk(drop);
  for (const path of files) {
    const table = /-([a-z_]+)-prod-analytics\.sql$/.exec(path)?.[1];
    if (table === 'auth_user') {
      for (const r of readTsv(path)) {
        add('auth_user.username', r.username);
        add('auth_user.email', r.email);
        if (r.first_name && r.last_name) add('auth_user.full_name', `${r.first_name} ${r.last_name}`);
      }
    } else if (table === 'auth_userprofile') {
      for (const r of readTsv(path)) {
        for (const c of ['name', 'language', 'location', 'city', 'goals', 'bio', 'mailing_address'])
          add(`auth_userprofile.${c}`, r[c]);
      }
    } else if (table === 'certificates_generatedcertificate') {
      for (const r of readTsv(path)) {
        for (const c of ['name', 'verify_uuid', 'download_uuid', 'key', 'download_url']) add(`certificates.${c}`, r[c]);
      }
    } else if (table === 'user_id_map') {
      for (const r of readTsv(path)) {
        add('user_id_map.hash_id', r.hash_id);
        add('user_id_map.username', r.username);
      }
    } else if (table === 'wiki_articlerevision') {
      for (const r of readTsv(path)) {
        for (const c of ['content', 'title', 'user_message', 'automatic_log', 'ip_address'])
          add(`wiki_articlerevision.${c}`, r[c]);
      }
    } else if (table === 'courseware_studentmodule') {
      for (const r of readTsv(path)) {
        try {
          freeTextAnswers((JSON.parse(r.state ?? '') as { student_answers?: unknown }).student_answers, (v) =>
            add('courseware_studentmodule.state answer', v)
          );
        } catch {
          // not JSON: no answers
        }
      }
    } else if (path.endsWith('.mongo')) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        const doc = JSON.parse(line) as Record<string, unknown>;
        add('forum.body', doc.body as string);
        add('forum.title', doc.title as string);
        add('forum.author_username', doc.author_username as string);
      }
    } else if (path.endsWith('email_opt_in-prod-analytics.csv')) {
      for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
        const [, username, email, fullName] = line.split(',');
        add('email_opt_in.username', username);
        add('email_opt_in.email', email);
        add('email_opt_in.full_name', fullName);
      }
    }
  }
  const decryption = await loadDecryptionKey(key);
  for (const path of files.filter((f) => /-events-\d{4}-\d{2}-\d{2}\.log\.gz(\.gpg)?$/.test(f))) {
    const gz = path.endsWith('.gpg') ? await buffer(await openDecryptedStream(path, decryption)) : readFileSync(path);
    for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
      if (!line) continue;
      const e = JSON.parse(line) as Record<string, unknown>;
      add('events.username', e.username as string);
      add('events.ip', e.ip as string);
      add('events.session', e.session as string);
      let payload = e.event;
      if (typeof payload === 'string') {
        try {
          payload = JSON.parse(payload);
        } catch {
          continue;
        }
      }
      if (payload && typeof payload === 'object') {
        const p = payload as Record<string, unknown>;
        add('events.body', typeof p.body === 'string' ? p.body : undefined);
        add('events.title', typeof p.title === 'string' ? p.title : undefined);
        add('events.target_username', typeof p.target_username === 'string' ? p.target_username : undefined);
        if (e.event_type === 'problem_check') freeTextAnswers(p.answers, (v) => add('events.free-text answer', v));
      }
    }
  }
  return { byKind };
}

/** The byte forms a text value takes in the outputs: as is, CSV-quoted, JSON-escaped, SQL-quoted, HTML-escaped. */
export function encodedForms(value: string): Buffer[] {
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const forms = new Set([
    value,
    value.replace(/"/g, '""'),
    JSON.stringify(value).slice(1, -1),
    value.replace(/'/g, "''"),
    html,
    html.replace(/'/g, '&#39;')
  ]);
  return [...forms].map((f) => Buffer.from(f, 'utf8'));
}

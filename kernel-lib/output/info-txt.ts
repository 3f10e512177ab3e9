/** What the original's `info.txt` reports about one run. */
export interface InfoTxt {
  title?: string;
  org: string;
  course: string;
  run: string;
  start: string;
  end: string;
  /** Set when the course step ran. */
  snapshotDate?: string;
  courseProcessed: boolean;
  eventsProcessed: boolean;
}

export const SAMCED_TITLE = 'Simple Analytics Material Creator for edX Data';

function banner(title: string): string {
  const width = 78;
  const left = Math.floor((width - title.length) / 2);
  const line = '='.repeat(80);
  return `${line}\n=${' '.repeat(Math.max(0, left))}${title}${' '.repeat(Math.max(0, width - left - title.length))}=\n${line}\n`;
}

/** The text of `info.txt`, laid out exactly as the original builder wrote it (banner, tab-aligned fields, LF). */
export function infoTxt(info: InfoTxt): string {
  let text = banner(info.title ?? SAMCED_TITLE) + '\n';
  text += ` Organization:\t\t\t\t${info.org}\n`;
  text += ` Course ID:\t\t\t\t${info.course}\n`;
  text += ` Course Run:\t\t\t\t${info.run}\n`;
  text += ` Data start date:\t\t\t${info.start}\n`;
  text += ` Data end date:\t\t\t\t${info.end}\n`;
  text += '\n';
  if (info.courseProcessed) {
    text += ' Course data processed.\n';
    if (info.snapshotDate) text += ` Course snapshot:\t\t\t${info.snapshotDate}\n`;
    text += '\n';
  }
  if (info.eventsProcessed) text += ' Event data processed.\n\n';
  return text;
}

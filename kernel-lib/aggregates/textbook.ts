import { ident, literal } from '../duck/connection';
import { countColumnDocs, countColumnsSql, USER_ID_COLUMN, type CountKey } from './counts';
import type { TableFamily } from './table';

/**
 * The `textbook.pdf.*` events counted, in column order: the original's thirteen, plus
 * `page.scrolled` (the scroll event edX actually logs; the original listed `display.scrolled`).
 */
export const TEXTBOOK_PDF_EVENTS = [
  'thumbnails.toggled',
  'thumbnail.navigated',
  'outline.toggled',
  'chapter.navigated',
  'page.navigated',
  'zoom.buttons.changed',
  'zoom.menu.changed',
  'display.scaled',
  'display.scrolled',
  'page.scrolled',
  'search.executed',
  'search.navigatednext',
  'search.highlight.toggled',
  'search.casesensitivity.toggled'
] as const;

const TEXTBOOK_KEYS: CountKey[] = [
  {
    column: 'book',
    key: 'book',
    doc: 'Number of `book` events (page turns in PDF or image textbooks); NULL when none.'
  },
  ...TEXTBOOK_PDF_EVENTS.map((e) => ({
    column: 'textbook.pdf.' + e,
    key: 'textbook.pdf.' + e,
    doc: `Number of \`textbook.pdf.${e}\` events; NULL when none.`
  }))
];

export const textbookFamily: TableFamily = {
  family: 'textbook',
  async build(ctx) {
    const keys = TEXTBOOK_KEYS.map((k) => literal(k.key)).join(', ');
    await ctx.duck.run(`CREATE OR REPLACE TABLE samced.textbook_activity AS
      SELECT user_id,
        ${countColumnsSql(TEXTBOOK_KEYS)}
      FROM (SELECT user_id, CASE WHEN event_type IN (${keys}) THEN event_type ELSE name END AS k FROM events
            WHERE event_type IN (${keys}) OR name IN (${keys}))
      GROUP BY user_id`);
    return [
      {
        name: 'textbook_activity',
        family: 'textbook',
        doc: 'One row per learner with a textbook event: counts of `book` and of every `textbook.pdf.*` event type.',
        columns: [USER_ID_COLUMN, ...countColumnDocs(TEXTBOOK_KEYS)],
        orderBy: ['user_id'],
        fixes: [
          `Column names are the full event names (e.g. ${ident('textbook.pdf.page.navigated')}), quoted identifiers: the original aborted on any textbook.pdf event.`,
          '`textbook.pdf.page.scrolled` (what edX logs) is counted; the original only knew `display.scrolled`.'
        ]
      }
    ];
  }
};

import { ident, literal } from '../duck/connection';
import { datesBetween } from '../drop/dates';
import type { SamcedTable, TableFamily } from './table';

/** The page_activity tables: table suffix -> URL path ending (implicit page-view events). */
export const PAGE_TABLES = [
  { suffix: 'progress', ending: '/progress', what: 'the Progress page' },
  { suffix: 'info', ending: '/info', what: 'the course Info (home/updates) page' },
  {
    suffix: 'courseware',
    ending: '/courseware',
    what: 'the courseware entry page (sub-pages `/courseware/...` do not count)'
  },
  { suffix: 'discussion', ending: '/discussion/forum', what: 'the discussion forum home' }
] as const;

export const pagesFamily: TableFamily = {
  family: 'pages',
  async build(ctx) {
    const days = datesBetween(ctx.start, ctx.end);
    const tables: SamcedTable[] = [];
    // one read of the events for the four tables (no ending is a suffix of another)
    const endsWith = PAGE_TABLES.map((p) => `ends_with(event_type, ${literal(p.ending)})`);
    await ctx.duck.run(`CREATE OR REPLACE TEMP TABLE page_views AS
      SELECT user_id, event_date, CASE ${PAGE_TABLES.map((p, i) => `WHEN ${endsWith[i]} THEN ${literal(p.suffix)}`).join(' ')} END AS page
      FROM events WHERE ${endsWith.join(' OR ')}`);
    for (const page of PAGE_TABLES) {
      const name = 'page_activity_' + page.suffix;
      // per learner, hits per day in a map (day index -> hits), then one lookup per day column: one
      // aggregate per day column made DuckDB's time grow faster than the number of days
      const dayColumns = days.map((d, i) => `hits[${i}] AS ${ident('date_' + d.replace(/-/g, ''))}`);
      await ctx.duck.run(`CREATE OR REPLACE TABLE samced.${ident(name)} AS
        WITH per_day AS (
          SELECT user_id,
            CASE WHEN event_date BETWEEN DATE ${literal(ctx.start)} AND DATE ${literal(ctx.end)} THEN CAST(event_date - DATE ${literal(ctx.start)} AS INTEGER) END AS day,
            count(*)::INTEGER AS n
          FROM page_views
          WHERE page = ${literal(page.suffix)}
          GROUP BY ALL),
        per_user AS (
          SELECT user_id,
            map(list(day) FILTER (WHERE day IS NOT NULL), list(n) FILTER (WHERE day IS NOT NULL)) AS hits,
            sum(n) FILTER (WHERE day IS NULL)::INTEGER AS outside
          FROM per_day
          GROUP BY user_id)
        SELECT user_id,
          ${dayColumns.join(',\n          ')},
          outside AS outside_window
        FROM per_user`);
      tables.push({
        name,
        family: 'pages',
        doc: `One row per learner who viewed ${page.what}: hits per UTC day (implicit page-view events whose \`event_type\`, the URL path, ends with \`${page.ending}\`).`,
        columns: [
          { name: 'user_id', type: 'INTEGER', doc: 'edX user id; NULL collects anonymous views.' },
          {
            name: 'date_<YYYYMMDD>',
            type: 'INTEGER',
            doc: `Hits on that UTC day; one column per day from the start date to the end date, both included (${days.length} columns here); NULL when none.`
          },
          {
            name: 'outside_window',
            type: 'INTEGER',
            doc: 'Hits whose time falls outside the window or cannot be read (late-delivered events in the selected files); NULL when none.'
          }
        ],
        orderBy: ['user_id'],
        fixes: [
          'Day columns run from the start date to the end date (the original ran from start+1 to end+1, an off-by-one).',
          'Events dated outside the window are counted in `outside_window` (the original aborted the run on them).'
        ]
      });
    }
    await ctx.duck.run('DROP TABLE page_views');
    return tables;
  }
};

import type { TableFamily } from './table';

export const forumFamily: TableFamily = {
  family: 'forum',
  async build(ctx) {
    await ctx.duck.run(`CREATE OR REPLACE TABLE samced.discussion_forum_activity AS
      SELECT author_id AS user_id,
        NULLIF(count(*) FILTER (WHERE post_type = 'CommentThread'), 0)::INTEGER AS "CommentThread",
        NULLIF(count(*) FILTER (WHERE post_type = 'Comment'), 0)::INTEGER AS "Comment"
      FROM forum GROUP BY author_id`);
    await ctx.duck.run(`CREATE OR REPLACE TABLE samced.discussion_forum_activity_ng AS
      WITH numbered AS (
        SELECT row_number() OVER (ORDER BY created_at NULLS LAST, source_line) AS id, *
        FROM forum
      )
      SELECT n.id, n.author_id AS poster,
        CASE WHEN n.thread_id IS NULL THEN n.id ELSE t.id END AS thread,
        p.id AS response_to,
        n.post_type,
        n.created_at
      FROM numbered n
      LEFT JOIN numbered t ON t.post_id = n.thread_id
      LEFT JOIN numbered p ON p.post_id = n.parent_id`);
    return [
      {
        name: 'discussion_forum_activity',
        family: 'forum',
        doc: 'One row per forum author in the snapshot’s forum dump (all dates, not only the window): how many threads and comments they wrote.',
        columns: [
          { name: 'user_id', type: 'INTEGER', doc: 'edX user id of the author (`author_id`).' },
          { name: 'CommentThread', type: 'INTEGER', doc: 'Threads (initial posts) written; NULL when none.' },
          { name: 'Comment', type: 'INTEGER', doc: 'Responses and comments written; NULL when none.' }
        ],
        orderBy: ['user_id'],
        fixes: [
          'Columns are always CommentThread then Comment (the original made one column per `_type` seen, in random order).'
        ]
      },
      {
        name: 'discussion_forum_activity_ng',
        family: 'forum',
        doc: 'One row per forum post, renumbered 1..N by creation time (post bodies, titles and usernames are never exported).',
        columns: [
          { name: 'id', type: 'INTEGER', doc: 'New post number: position by `created_at` (ties by dump line).' },
          { name: 'poster', type: 'INTEGER', doc: 'edX user id of the author.' },
          {
            name: 'thread',
            type: 'INTEGER',
            doc: 'New number of the post’s thread; a thread’s own number for a thread.'
          },
          {
            name: 'response_to',
            type: 'INTEGER',
            doc: 'New number of the response a comment replies to (`parent_id`); NULL otherwise.'
          },
          { name: 'post_type', type: 'TEXT', doc: '`CommentThread` or `Comment` (added by samced).' },
          { name: 'created_at', type: 'TEXT', doc: 'Creation time, UTC (added by samced).' }
        ],
        orderBy: ['id'],
        fixes: [
          'Posts are ordered by their creation time in all three `$date` forms (the original compared the raw text, misordering numeric and string dates).',
          'A reference to a missing post is NULL (the original wrote an empty string); ids are INTEGER (the original: TEXT).'
        ]
      }
    ];
  }
};

/**
 * Wiki articles (with revisions by staff and learners, from TEST-NET addresses) and C1 teams.
 */
import { C1, C2, type CourseDef } from './courses';
import type { Enrollment } from './enrollments';
import type { Rng } from './prng';
import { usOf } from './time';

export interface WikiRevision {
  id: number;
  revisionNumber: number;
  userMessage: string;
  automaticLog: string;
  ipAddress: string | null;
  userId: number | null;
  createdUs: number;
  content: string;
  title: string;
}

export interface WikiArticle {
  id: number;
  course: CourseDef;
  ownerId: number | null;
  createdUs: number;
  revisions: WikiRevision[];
}

interface RevisionSpec {
  time: string;
  userId: number | null;
  ip: string | null;
  message: string;
  content: string;
  title: string;
}

const SPECS: Array<{ course: CourseDef; owner: number | null; revisions: RevisionSpec[] }> = [
  {
    course: C1,
    owner: 7,
    revisions: [
      {
        time: '2025-10-01T09:12:44',
        userId: 7,
        ip: '203.0.113.7',
        message: '',
        title: 'DATA101',
        content: '# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n'
      },
      {
        time: '2025-12-10T15:40:02',
        userId: 7,
        ip: '203.0.113.7',
        message: 'Add rules',
        title: 'DATA101',
        content:
          '# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n\r\n## Rules\r\n* Be kind\r\n* Cite your data\r\n'
      },
      {
        time: '2026-01-14T20:03:51',
        userId: 1010,
        ip: '203.0.113.11',
        message: 'Links to datasets',
        title: 'DATA101',
        content:
          '# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n\r\n## Rules\r\n* Be kind\r\n* Cite your data\r\n\r\n## Datasets\r\n* https://www.example.org/weather.csv\r\n'
      },
      {
        time: '2026-01-28T07:22:19',
        userId: 1022,
        ip: '203.0.113.23',
        message: 'typo',
        title: 'DATA101',
        content:
          '# DATA101 wiki\r\nThis is the wiki for **Data Analysis for Everyone**.\r\n\r\n## Rules\r\n* Be kind\r\n* Cite your data\r\n\r\n## Datasets\r\n* https://www.example.org/weather.csv\r\n* https://www.example.org/sleep.csv\r\n'
      }
    ]
  },
  {
    course: C1,
    owner: 7,
    revisions: [
      {
        time: '2025-12-20T11:00:09',
        userId: 7,
        ip: '203.0.113.7',
        message: '',
        title: 'Glossary',
        content: 'Glossary\r\n========\r\n\r\n**tidy**: one variable per column\t(see week 1)\r\n'
      },
      {
        time: '2026-01-03T18:45:33',
        userId: 1016,
        ip: '203.0.113.17',
        message: 'Add median',
        title: 'Glossary',
        content:
          'Glossary\r\n========\r\n\r\n**tidy**: one variable per column\t(see week 1)\r\n**median**: the middle value\r\n'
      }
    ]
  },
  {
    course: C2,
    owner: null,
    revisions: [
      {
        time: '2025-09-01T08:00:00',
        userId: null,
        ip: null,
        message: '',
        title: 'HIST.201x',
        content: '<h2>Instructions:</h2>\r\nThis is the wiki for **HIST.201x**.'
      },
      {
        time: '2025-12-12T13:31:07',
        userId: 1040,
        ip: '203.0.113.41',
        message: 'Archive hours',
        title: 'HIST.201x',
        content:
          '<h2>Instructions:</h2>\r\nThis is the wiki for **HIST.201x**.\r\n\r\nArchive reading room: Mon-Fri 9-17 (C:\\scans\\ has the copies).'
      }
    ]
  }
];

/** The wiki articles of the sample (ids in creation order). */
export function sampleWiki(rng: Rng): WikiArticle[] {
  let revisionId = 3101;
  return SPECS.map((spec, i) => ({
    id: 211 + i,
    course: spec.course,
    ownerId: spec.owner,
    createdUs: usOf(spec.revisions[0]!.time) + rng.int(0, 999) * 1000,
    revisions: spec.revisions.map((r, n) => ({
      id: revisionId++,
      revisionNumber: n + 1,
      userMessage: r.message,
      automaticLog: '',
      ipAddress: r.ip,
      userId: r.userId,
      createdUs: usOf(r.time),
      content: r.content,
      title: r.title
    }))
  }));
}

export interface Team {
  id: number;
  teamId: string;
  name: string;
  course: CourseDef;
  topicId: string;
  createdUs: number;
  description: string;
  country: string;
  language: string;
  discussionTopicId: string;
  /** Members and when they joined. */
  members: Array<{ userId: number; us: number }>;
}

/** C1 teams; members are C1 learners who joined after enrolling. */
export function sampleTeams(rng: Rng, enrollments: readonly Enrollment[]): Team[] {
  const specs = [
    {
      name: 'Data Detectives',
      topic: 'study-groups',
      created: '2025-11-30T10:00:00',
      country: 'SE',
      language: 'sv',
      description: 'Swedish-speaking study group'
    },
    {
      name: 'Chart Club',
      topic: 'projects',
      created: '2025-12-18T17:30:00',
      country: '',
      language: 'en',
      description: 'We share one chart a week.'
    },
    {
      name: 'Night Owls',
      topic: 'study-groups',
      created: '2026-01-15T22:10:00',
      country: 'US',
      language: 'en',
      description: 'Late-evening sessions, UTC-6'
    }
  ];
  const c1 = enrollments.filter((e) => e.course === C1 && e.userId >= 1005);
  return specs.map((s, i) => {
    const createdUs = usOf(s.created);
    const r = rng.fork('team', i);
    const members = r
      .shuffle(c1)
      .slice(0, r.int(3, 6))
      .map((e) => ({ userId: e.userId, us: Math.max(createdUs, e.createdUs) + r.int(1, 20) * 3_600_000_000 }))
      .sort((a, b) => a.us - b.us);
    return {
      id: 41 + i,
      teamId: `${s.name.toLowerCase().replace(/ /g, '-')}-${r.hex(32)}`,
      name: s.name,
      course: C1,
      topicId: s.topic,
      createdUs,
      description: s.description,
      country: s.country,
      language: s.language,
      discussionTopicId: r.hex(32),
      members
    };
  });
}

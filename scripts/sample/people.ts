/**
 * The fake people of the sample: learners 1001-1065, the course-team user 7 and the service user 3.
 * Names, e-mails (all `@example.org`) and addresses are invented; they exist to prove that
 * outputs never leak personal data. A few rows carry the awkward values real exports contain.
 */
import type { Rng } from './prng';
import { usOf } from './time';

/** The auth_userprofile fields of one person (null is SQL NULL). */
export interface Profile {
  id: number;
  language: string | null;
  location: string | null;
  meta: string | null;
  courseware: string;
  gender: string | null;
  mailingAddress: string | null;
  yearOfBirth: number | null;
  levelOfEducation: string | null;
  goals: string | null;
  allowCertificate: boolean;
  country: string | null;
  city: string | null;
  bio: string | null;
  profileImageUploadedUs: number | null;
  state: string | null;
  /** Language codes for student_languageproficiency. */
  languages: string[];
}

/** One user account with the habits the event generator uses. */
export interface Person {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  /** auth_userprofile.name (the full name learners type). */
  fullName: string;
  email: string;
  isStaff: boolean;
  isActive: boolean;
  dateJoinedUs: number;
  lastLoginUs: number | null;
  profile: Profile;
  /** TEST-NET address the person's browser events come from. */
  ip: string;
  agent: string;
  /** Hours added to UTC for the person's usual study time. */
  utcOffset: number;
  /** Whether the person sometimes uses the mobile app. */
  mobile: boolean;
  /** Email opt-in org tag history (`True`/`False` and when it was set); empty = never set (reported as True). */
  optIn: Array<{ value: 'True' | 'False'; setUs: number }>;
}

const FIRST = [
  'Alva',
  'Noah',
  'Maja',
  'Liam',
  'Elsa',
  'Hugo',
  'Ines',
  'Omar',
  'Sofia',
  'Mateo',
  'Aiko',
  'Priya',
  'Jonas',
  'Leila',
  'Tomas',
  'Freya',
  'Kwame',
  'Mei',
  'Lucas',
  'Amara',
  'Erik',
  'Nadia',
  'Felix',
  'Zara',
  'Oskar',
  'Chloe',
  'Ravi',
  'Ingrid',
  'Diego',
  'Hana',
  'Björn',
  'Émile',
  'Zoë',
  'Ayşe'
];
const LAST = [
  'Berg',
  'Lindqvist',
  'Okafor',
  'Tanaka',
  'Moreau',
  'Silva',
  'Novak',
  'Haddad',
  'Kowalski',
  'Nguyen',
  'Andersson',
  'Mensah',
  'Rossi',
  'Patel',
  'Fischer',
  'Costa',
  'Larsen',
  'Ivanova',
  'Kim',
  'Dubois',
  'Ekström',
  'Müller',
  'Núñez',
  'Håkansson'
];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
];
const COUNTRIES: Array<[string | null, string | null, number]> = [
  ['SE', 'Stockholm', 0],
  ['SE', 'Göteborg', 1],
  ['US', 'Austin', -6],
  ['IN', 'Pune', 5],
  ['NG', 'Lagos', 1],
  ['DE', 'Berlin', 1],
  ['BR', 'Recife', -3],
  ['JP', 'Osaka', 9],
  ['FR', '', 1],
  ['', '', 0],
  ['GB', 'Leeds', 0],
  [null, null, 0]
];
const EDUCATION = ['b', 'm', 'p', 'hs', 'a', 'other', 'none', 'jhs', '', null];
const GENDERS = ['f', 'm', 'o', '', null, 'f', 'm'];
const LANGS = ['en', 'sv', 'de', 'fr', 'pt', 'ja', 'hi', 'es'];

/** Plain ASCII lower-case letters of a name (for usernames and e-mails). */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** A TEST-NET-3 address (203.0.113.0/24) or TEST-NET-2 (198.51.100.0/24) for a user id. */
export function testNetIp(id: number): string {
  return id % 2 === 0 ? `203.0.113.${(id % 250) + 1}` : `198.51.100.${(id % 250) + 1}`;
}

/** Hand-written values for people whose rows carry the edge cases. */
interface Override {
  first?: string;
  last?: string;
  fullName?: string;
  username?: string;
  profile?: Partial<Profile>;
  optIn?: Person['optIn'];
  mobile?: boolean;
}

const OVERRIDES: Record<number, Override> = {
  1001: {
    first: 'Alva',
    last: 'Berg',
    username: 'alva_berg',
    mobile: true,
    profile: { city: 'Göteborg', country: 'SE', mailingAddress: 'Vasagatan 3\nGöteborg' }
  },
  1002: {
    first: 'Noah',
    last: 'Lindqvist',
    username: 'noahl',
    profile: { location: 'Between "Lund" and Malmö? Mostly Lund', goals: 'Learn SQL\tand R', yearOfBirth: null }
  },
  1003: {
    first: 'Maja',
    last: 'Okafor',
    username: 'majaok',
    profile: { goals: 'Keep notes in C:\\data\\notes', meta: '{"old_names": []}' }
  },
  1004: { first: 'Liam', last: 'Tanaka', username: 'liam.t' },
  1005: { fullName: 'Okafor, Chidi', first: 'Chidi', last: 'Okafor', username: 'chidi_o' },
  1006: {
    fullName: 'Anna "Ann" Moreau',
    first: 'Anna',
    last: 'Moreau',
    username: 'annmoreau',
    profile: { meta: '{"old_names": [["Anna \\"Annie\\" Moreau", "typo", "2025-10-02T09:14:03.118204+00:00"]]}' }
  },
  1007: { profile: { city: '', bio: '', profileImageUploadedUs: null, state: '', country: '' } },
  1008: { profile: { bio: 'Data nerd.\r\nLikes maps.', yearOfBirth: null } },
  1009: { profile: { city: '', bio: '', state: '' } },
  1012: { optIn: [{ value: 'False', setUs: usOf('2025-12-02T08:30:12') }] },
  1020: {
    optIn: [
      { value: 'True', setUs: usOf('2025-11-30T10:12:40') },
      { value: 'False', setUs: usOf('2026-01-20T21:05:09') }
    ]
  },
  1033: {
    fullName: 'Åsa Ekström',
    first: 'Åsa',
    last: 'Ekström',
    username: 'asa_ekstrom',
    profile: { city: 'Göteborg', country: 'SE' }
  }
};

/** A person with generated name, profile and habits (hand-written overrides apply to sample ids). */
export function makePerson(id: number, rng: Rng): Person {
  const o = OVERRIDES[id] ?? {};
  const first = o.first ?? rng.pick(FIRST);
  const last = o.last ?? rng.pick(LAST);
  const fullName = o.fullName ?? `${first} ${last}`;
  const username = o.username ?? `${asciiSlug(first)}_${asciiSlug(last)}${id % 100}`;
  const [country, city, offset] = rng.pick(COUNTRIES);
  const joined = usOf('2024-03-01') + rng.int(0, 600) * 86_400_000_000 + rng.int(0, 86_399) * 1_000_000;
  const trailingEmpty = rng.chance(0.3);
  const profile: Profile = {
    id: id - 990,
    language: rng.pick(['English', 'Swedish', '', '', 'Deutsch', 'Português']),
    location: rng.pick(['', '', '', 'Sweden', 'home']),
    meta: rng.pick(['', '', '{"old_names": []}', '{"old_emails": []}']),
    courseware: 'course.xml',
    gender: rng.pick(GENDERS),
    mailingAddress: rng.chance(0.2) ? `${rng.int(1, 99)} Example Road` : null,
    yearOfBirth: rng.chance(0.15) ? null : rng.int(1955, 2007),
    levelOfEducation: rng.pick(EDUCATION),
    goals: rng.pick(['', '', 'Upskill for work', 'Curiosity', null]),
    allowCertificate: true,
    country,
    city: trailingEmpty ? '' : city,
    bio: trailingEmpty ? '' : rng.pick([null, null, 'Hello!']),
    profileImageUploadedUs: trailingEmpty || rng.chance(0.7) ? null : joined + 86_400_000_000,
    state: country === 'US' ? 'TX' : trailingEmpty ? '' : rng.pick(['', null]),
    languages: rng.chance(0.2) ? [] : rng.shuffle(LANGS).slice(0, rng.int(1, 2))
  };
  Object.assign(profile, o.profile ?? {});
  const hasLogin = rng.chance(0.95);
  return {
    id,
    username,
    firstName: rng.chance(0.6) ? first : '',
    lastName: '',
    fullName,
    email: `${asciiSlug(first)}.${asciiSlug(last)}${id}@example.org`,
    isStaff: false,
    isActive: true,
    dateJoinedUs: joined,
    lastLoginUs: hasLogin
      ? usOf('2026-02-14T18:00:00') - rng.int(0, 40) * 86_400_000_000 - rng.int(0, 86_399) * 1_000_000
      : null,
    profile,
    ip: testNetIp(id),
    agent: rng.pick(AGENTS),
    utcOffset: offset,
    mobile: o.mobile ?? rng.chance(0.2),
    optIn:
      o.optIn ??
      (rng.chance(0.25)
        ? []
        : [
            {
              value: rng.chance(0.8) ? 'True' : 'False',
              setUs: joined + rng.int(1, 30) * 86_400_000_000 + rng.int(0, 86_399) * 1_000_000
            }
          ])
  };
}

/** The course-team member (user 7, is_staff) and the service user 3 of user_id_map. */
function staff(): Person {
  return {
    id: 7,
    username: 'samced_staff',
    firstName: 'Stina',
    lastName: 'Staff',
    fullName: 'Stina Staff',
    email: 'stina.staff@example.org',
    isStaff: true,
    isActive: true,
    dateJoinedUs: usOf('2023-05-10T09:00:00'),
    lastLoginUs: usOf('2026-02-13T07:45:10'),
    profile: {
      id: 5,
      language: 'English',
      location: '',
      meta: '',
      courseware: 'course.xml',
      gender: 'f',
      mailingAddress: null,
      yearOfBirth: 1984,
      levelOfEducation: 'p',
      goals: '',
      allowCertificate: true,
      country: 'SE',
      city: 'Göteborg',
      bio: null,
      profileImageUploadedUs: null,
      state: null,
      languages: ['sv', 'en']
    },
    ip: '192.0.2.7',
    agent: AGENTS[0]!,
    utcOffset: 1,
    mobile: false,
    optIn: [{ value: 'True', setUs: usOf('2023-05-10T09:01:00') }]
  };
}

/** Everyone in the sample, keyed by user id. Deterministic for a given seed. */
export function buildPeople(rng: Rng): Map<number, Person> {
  const people = new Map<number, Person>();
  people.set(7, staff());
  for (let id = 1001; id <= 1065; id++) {
    const p = makePerson(id, rng.fork('person', id));
    if (p.firstName) p.lastName = OVERRIDES[id]?.last ?? p.fullName.split(' ').slice(1).join(' ');
    people.set(id, p);
  }
  return people;
}

/** The service account listed in user_id_map (not enrolled anywhere). */
export const SERVICE_USER = { id: 3, username: 'course_discovery_worker' } as const;

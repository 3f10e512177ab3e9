/**
 * What is inside the sample courses. C1's storyline blocks have fixed ids (tests use them);
 * every other id is generated from the seed. C2 uses readable url_names as old XML courses did.
 */
import { C1, C2, C3, type CourseDef } from './courses';
import { type ChapterSpec, type InputSpec, type Outline, buildOutline, rerunOutline } from './outline';
import type { Rng } from './prng';

/** Storyline block ids of C1. */
export const V1_ID = 'd1a7e5c0c2b14f5f9a3e6b1c0f2e4a11';
export const V2_ID = 'e2b8f6d1d3c25060ab4f7c2d1a3f5b22';
export const PRESURVEY_ID = 'presurvey';
export const POSTSURVEY_ID = 'postsurvey';
export const P1_ID = 'p1quiz';
export const P2_ID = 'p2essay';

const choice = (part: string, question: string, correct: string | null, choices: number | string[] = 4): InputSpec =>
  typeof choices === 'number'
    ? { part, kind: 'choice', question, correct, choices }
    : { part, kind: 'choice', question, correct, choices: choices.length, texts: choices };
const multi = (part: string, question: string, correct: string[] | null, choices: number | string[] = 4): InputSpec =>
  typeof choices === 'number'
    ? { part, kind: 'multi', question, correct, choices }
    : { part, kind: 'multi', question, correct, choices: choices.length, texts: choices };
/** The question both surveys ask, answered from the learner's skill (see InputSpec.fromSkill). */
const CONFIDENCE = ['Not at all confident', 'Slightly confident', 'Somewhat confident', 'Confident', 'Very confident'];
const confidence = (part: string, shift: number): InputSpec => ({
  ...choice(part, 'How confident are you analysing data?', null, CONFIDENCE),
  fromSkill: shift
});
const numeric = (part: string, question: string, correct: string): InputSpec => ({
  part,
  kind: 'numeric',
  question,
  correct
});
const text = (part: string, question: string): InputSpec => ({ part, kind: 'text', question, correct: null });

const C1_SPEC: ChapterSpec[] = [
  {
    name: 'Welcome',
    opensAfter: 0,
    sequentials: [
      {
        name: 'Getting started',
        units: [
          {
            name: 'Welcome to DATA101',
            leaves: [
              { category: 'video', name: 'Welcome to DATA101', id: V1_ID, duration: 120, inStructure: true },
              { category: 'html', name: 'How this course works' }
            ]
          },
          {
            name: 'Pre-course survey',
            leaves: [
              {
                category: 'problem',
                name: 'Pre-course survey',
                id: PRESURVEY_ID,
                maxGrade: 3,
                graded: false,
                survey: 'pre',
                inputs: [
                  choice('2_1', 'What best describes your current role?', null, [
                    'Student',
                    'Working with data',
                    'Working in another field',
                    'Teacher or researcher',
                    'Other'
                  ]),
                  multi('3_1', 'Which tools have you used before?', null, ['Spreadsheets', 'R', 'Python', 'SQL']),
                  text('4_1', 'Why are you taking this course?'),
                  confidence('5_1', 0)
                ]
              }
            ]
          },
          { name: 'Introduce yourself', leaves: [{ category: 'discussion', name: 'Introductions' }] }
        ]
      }
    ]
  },
  {
    name: 'Week 1: Tables and tidy data',
    opensAfter: 0,
    sequentials: [
      {
        name: 'Lecture 1',
        units: [
          {
            name: 'Tidy data',
            leaves: [
              { category: 'video', name: 'What is tidy data?', id: V2_ID, duration: 120, inStructure: false },
              { category: 'html', name: 'Reading: tidy data' }
            ]
          },
          {
            name: 'Spreadsheets vs. tables',
            leaves: [{ category: 'video', name: 'Spreadsheets vs. tables', duration: 304, inStructure: true }]
          },
          { name: 'Discuss week 1', leaves: [{ category: 'discussion', name: 'Week 1 questions' }] }
        ]
      },
      {
        name: 'Quiz 1',
        graded: true,
        units: [
          {
            name: 'Quiz 1',
            leaves: [
              {
                category: 'problem',
                name: 'Quiz 1',
                id: P1_ID,
                maxGrade: 2,
                graded: true,
                inputs: [
                  choice('2_1', 'Which layout is tidy?', 'choice_2', [
                    'One column per year',
                    'One row per country and all years',
                    'One row per observation, one column per variable',
                    'A pivot table'
                  ]),
                  numeric('3_1', 'How many variables does the table have?', '42')
                ]
              }
            ]
          }
        ]
      }
    ]
  },
  {
    name: 'Week 2: Summaries',
    opensAfter: 7,
    sequentials: [
      {
        name: 'Lecture 2',
        units: [
          {
            name: 'Means and medians',
            leaves: [{ category: 'video', name: 'Means and medians', duration: 386, inStructure: false }]
          },
          {
            name: 'Spread',
            leaves: [
              { category: 'video', name: 'Measuring spread', duration: 452, inStructure: true },
              { category: 'html', name: 'Worked example' }
            ]
          }
        ]
      },
      {
        name: 'Assignment 2',
        graded: true,
        units: [
          {
            name: 'Essay check',
            leaves: [
              {
                category: 'problem',
                name: 'Essay check',
                id: P2_ID,
                maxGrade: 5,
                graded: true,
                noGrade: true,
                inputs: [text('2_1', 'Describe a dataset you care about.')]
              }
            ]
          },
          {
            name: 'Quiz 2',
            leaves: [
              {
                category: 'problem',
                name: 'Quiz 2',
                maxGrade: 3,
                graded: true,
                inputs: [
                  choice('2_1', 'Which statistic resists outliers?', 'choice_1', [
                    'Mean',
                    'Median',
                    'Range',
                    'Standard deviation'
                  ]),
                  numeric('3_1', 'Median of 1, 3, 8?', '3'),
                  multi(
                    '4_1',
                    'Which are measures of spread?',
                    ['choice_0', 'choice_3'],
                    ['Standard deviation', 'Mode', 'Median', 'Interquartile range']
                  )
                ]
              }
            ]
          }
        ]
      }
    ]
  },
  {
    name: 'Week 3: Visualisation',
    opensAfter: 14,
    sequentials: [
      {
        name: 'Lecture 3',
        units: [
          {
            name: 'Choosing a chart',
            leaves: [{ category: 'video', name: 'Choosing a chart', duration: 518, inStructure: true }]
          },
          {
            name: 'Colour and scale',
            leaves: [
              { category: 'video', name: 'Colour and scale', duration: 275, inStructure: false },
              { category: 'discussion', name: 'Share your chart' }
            ]
          }
        ]
      },
      {
        name: 'Quiz 3',
        graded: true,
        units: [
          {
            name: 'Quiz 3',
            leaves: [
              {
                category: 'problem',
                name: 'Quiz 3',
                maxGrade: 2,
                graded: true,
                inputs: [
                  choice('2_1', 'Best chart for a trend over time?', 'choice_0', [
                    'Line chart',
                    'Pie chart',
                    'Histogram',
                    'Scatter plot'
                  ]),
                  choice('3_1', 'Which scale suits counts spanning 1 to 1e6?', 'choice_3', [
                    'Linear',
                    'Square root',
                    'Reversed',
                    'Logarithmic'
                  ])
                ]
              }
            ]
          }
        ]
      },
      {
        name: 'Wrap-up',
        units: [
          {
            name: 'Post-survey',
            leaves: [
              {
                category: 'problem',
                name: 'Post-survey',
                id: POSTSURVEY_ID,
                maxGrade: 2,
                graded: false,
                survey: 'post',
                inputs: [
                  choice('2_1', 'How useful was the course?', null, [
                    'Not useful',
                    'Slightly useful',
                    'Moderately useful',
                    'Very useful',
                    'Extremely useful'
                  ]),
                  text('3_1', 'What should we improve?'),
                  confidence('4_1', 0.15)
                ]
              }
            ]
          },
          { name: 'Goodbye', leaves: [{ category: 'html', name: 'Thank you' }] }
        ]
      }
    ]
  }
];

const C2_SPEC: ChapterSpec[] = [
  {
    name: 'Week 1 - What is a source',
    opensAfter: 0,
    sequentials: [
      {
        name: 'Lecture Sequence 1',
        units: [
          {
            name: 'Welcome',
            leaves: [
              {
                category: 'video',
                name: 'Welcome to the archive',
                id: 'Archive_Tour',
                duration: 248,
                inStructure: true
              },
              { category: 'html', name: 'Syllabus' }
            ]
          },
          {
            name: 'Primary and secondary',
            leaves: [
              {
                category: 'video',
                name: 'Primary and secondary sources',
                id: 'Primary_Secondary',
                duration: 412,
                inStructure: false
              }
            ]
          }
        ]
      },
      {
        name: 'Homework 1',
        graded: true,
        units: [
          {
            name: 'Source quiz',
            leaves: [
              {
                category: 'problem',
                name: 'Source quiz',
                id: 'Source_Quiz_1',
                maxGrade: 2,
                graded: true,
                inputs: [
                  choice('2_1', 'A diary is a ... source', 'choice_0', 3),
                  numeric('3_1', 'In which year was the letter written?', '1848')
                ]
              }
            ]
          }
        ]
      }
    ]
  },
  {
    name: 'Week 2 - Reading letters',
    opensAfter: 7,
    sequentials: [
      {
        name: 'Lecture Sequence 2',
        units: [
          {
            name: 'Handwriting',
            leaves: [
              {
                category: 'video',
                name: 'Reading old handwriting',
                id: 'Handwriting',
                duration: 530,
                inStructure: true
              }
            ]
          },
          {
            name: 'Letters',
            leaves: [
              {
                category: 'video',
                name: 'Letters as evidence',
                id: 'Letters_Evidence',
                duration: 365,
                inStructure: false
              },
              { category: 'discussion', name: 'Transcription help', id: 'Transcription_Help' }
            ]
          }
        ]
      },
      {
        name: 'Homework 2',
        graded: true,
        units: [
          {
            name: 'Transcription',
            leaves: [
              {
                category: 'problem',
                name: 'Transcription check',
                id: 'Transcription_Check',
                maxGrade: 3,
                graded: true,
                inputs: [
                  choice('2_1', 'The abbreviation "Wm." stands for', 'choice_2'),
                  multi('3_1', 'Which are dated?', ['choice_1', 'choice_2']),
                  numeric('4_1', 'How many signatures?', '2')
                ]
              }
            ]
          }
        ]
      }
    ]
  },
  {
    name: 'Week 3 - Maps and images',
    opensAfter: 21,
    sequentials: [
      {
        name: 'Lecture Sequence 3',
        units: [
          {
            name: 'Maps',
            leaves: [
              { category: 'video', name: 'Maps as arguments', id: 'Maps_Arguments', duration: 297, inStructure: true },
              { category: 'discussion', name: 'Final thoughts', id: 'Final_Thoughts' }
            ]
          }
        ]
      },
      {
        name: 'Final exam',
        graded: true,
        units: [
          {
            name: 'Final',
            leaves: [
              {
                category: 'problem',
                name: 'Final exam',
                id: 'Final_Exam',
                maxGrade: 4,
                graded: true,
                inputs: [
                  choice('2_1', 'Oldest map type?', 'choice_3'),
                  choice('3_1', 'Who drew it?', 'choice_1'),
                  numeric('4_1', 'Scale denominator?', '50000'),
                  choice('5_1', 'Projection?', 'choice_0')
                ]
              }
            ]
          }
        ]
      }
    ]
  }
];

/** The outlines of the three sample courses. */
export function sampleOutlines(rng: Rng): Map<CourseDef, Outline> {
  const c1 = buildOutline(C1, C1_SPEC, rng.fork('outline', 'C1'), ['reader-part1.pdf', 'reader-part2.pdf']);
  const c2 = buildOutline(C2, C2_SPEC, rng.fork('outline', 'C2'), ['letters.pdf']);
  const c3 = rerunOutline(c1, C3);
  return new Map([
    [C1, c1],
    [C2, c2],
    [C3, c3]
  ]);
}

/** A generic outline for benchmark courses: `weeks` chapters of 2 videos and a quiz each. */
export function genericOutline(course: CourseDef, weeks: number, rng: Rng): Outline {
  const spec: ChapterSpec[] = [];
  for (let w = 1; w <= weeks; w++) {
    spec.push({
      name: `Week ${w}`,
      opensAfter: (w - 1) * 7,
      sequentials: [
        {
          name: `Lecture ${w}`,
          units: [
            {
              name: `Part ${w}.1`,
              leaves: [
                {
                  category: 'video',
                  name: `Lecture ${w}.1`,
                  duration: 180 + ((w * 97) % 400),
                  inStructure: w % 2 === 1
                }
              ]
            },
            {
              name: `Part ${w}.2`,
              leaves: [
                {
                  category: 'video',
                  name: `Lecture ${w}.2`,
                  duration: 240 + ((w * 53) % 300),
                  inStructure: w % 3 !== 0
                },
                { category: 'discussion', name: `Week ${w} forum` }
              ]
            }
          ]
        },
        {
          name: `Quiz ${w}`,
          graded: true,
          units: [
            {
              name: `Quiz ${w}`,
              leaves: [
                {
                  category: 'problem',
                  name: `Quiz ${w}`,
                  maxGrade: 2,
                  graded: true,
                  inputs: [choice('2_1', `Question ${w}a`, 'choice_1'), numeric('3_1', `Question ${w}b`, String(w * 7))]
                }
              ]
            }
          ]
        }
      ]
    });
  }
  return buildOutline(course, spec, rng, ['notes.pdf']);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExportFileName, parseEventFileName, isCourseFile } from '../../kernel-lib/drop/file-names';
import { parseCourseKey, courseFilePrefix, courseKeyForms, isSameCourse } from '../../kernel-lib/drop/course-key';

test('export names split from the right on the known -table-env suffix', () => {
  assert.deepEqual(parseExportFileName('SamcedX-HIST.201x-2025_Fall-auth_user-prod-analytics.sql'), {
    kind: 'table',
    coursePrefix: 'SamcedX-HIST.201x-2025_Fall',
    table: 'auth_user',
    env: 'prod-analytics',
    encrypted: false
  });
  assert.deepEqual(parseExportFileName('DelftX-FP101x-3T2015-courseware_studentmodule-prod-edge-analytics.sql.gpg'), {
    kind: 'table',
    coursePrefix: 'DelftX-FP101x-3T2015',
    table: 'courseware_studentmodule',
    env: 'prod-edge-analytics',
    encrypted: true
  });
  assert.deepEqual(parseExportFileName('Org-A-B-C-D-wiki_article-edge-analytics.sql'), {
    kind: 'table',
    coursePrefix: 'Org-A-B-C-D',
    table: 'wiki_article',
    env: 'edge-analytics',
    encrypted: false
  });
  assert.deepEqual(parseExportFileName('DelftX-FP101x-3T2015-prod.mongo'), {
    kind: 'forum',
    coursePrefix: 'DelftX-FP101x-3T2015',
    env: 'prod',
    encrypted: false
  });
  assert.deepEqual(parseExportFileName('edX-DemoX-Demo_Course-acceptance.mongo'), {
    kind: 'forum',
    coursePrefix: 'edX-DemoX-Demo_Course',
    env: 'acceptance',
    encrypted: false
  });
  assert.equal(parseExportFileName('X-Y-Z-course_structure-prod-analytics.json')?.kind, 'course_structure');
  assert.equal(parseExportFileName('X-Y-Z-course-prod-analytics.xml.tar.gz')?.kind, 'olx');
  assert.deepEqual(parseExportFileName('SamcedX-email_opt_in-prod-analytics.csv'), {
    kind: 'email_opt_in',
    org: 'SamcedX',
    env: 'prod-analytics',
    encrypted: false
  });
  assert.equal(parseExportFileName('README.txt'), undefined);
  assert.equal(parseExportFileName('X-Y-Z-auth_user.sql'), undefined);
});

test('course files are matched on the exact prefix, so run 1T2026B is not 1T2026', () => {
  const key = { org: 'SamcedX', course: 'DATA101', run: '1T2026' };
  assert.equal(isCourseFile(parseExportFileName('SamcedX-DATA101-1T2026-auth_user-prod-analytics.sql')!, key), true);
  assert.equal(isCourseFile(parseExportFileName('SamcedX-DATA101-1T2026B-auth_user-prod-analytics.sql')!, key), false);
  assert.equal(courseFilePrefix({ org: 'UnivX', course: 'Ünï101', run: 'R' }), 'UnivX-_n_101-R');
});

test('event file names give org, site and date', () => {
  assert.deepEqual(parseEventFileName('samcedx-edx-events-2026-01-05.log.gz'), {
    org: 'samcedx',
    site: 'edx',
    date: '2026-01-05',
    encrypted: false
  });
  assert.deepEqual(parseEventFileName('mitx-edge-events-2014-10-14.log.gz.gpg'), {
    org: 'mitx',
    site: 'edge',
    date: '2014-10-14',
    encrypted: true
  });
  assert.equal(parseEventFileName('tracking-2014-10-14.log.gz')?.date, '2014-10-14');
  assert.equal(parseEventFileName('samcedx-edx-events-2026-01-05.log'), undefined);
});

test('course keys parse in both formats, exactly', () => {
  assert.deepEqual(parseCourseKey('course-v1:SamcedX+DATA101+1T2026'), {
    org: 'SamcedX',
    course: 'DATA101',
    run: '1T2026',
    format: 'course-v1'
  });
  assert.deepEqual(parseCourseKey('SamcedX/HIST.201x/2025_Fall'), {
    org: 'SamcedX',
    course: 'HIST.201x',
    run: '2025_Fall',
    format: 'slash'
  });
  assert.deepEqual(parseCourseKey('SamcedX\\/HIST.201x\\/2025_Fall'), {
    org: 'SamcedX',
    course: 'HIST.201x',
    run: '2025_Fall',
    format: 'slash'
  });
  assert.equal(parseCourseKey('ccx-v1:SamcedX+DATA101+1T2026+ccx@3'), undefined);
  assert.equal(parseCourseKey('course-v1:SamcedX+DATA101'), undefined);
  assert.equal(parseCourseKey(''), undefined);
  assert.equal(parseCourseKey(null), undefined);
  const a = parseCourseKey('course-v1:SamcedX+DATA101+1T2026')!;
  assert.equal(isSameCourse(a, parseCourseKey('SamcedX/DATA101/1T2026')!), true);
  assert.equal(isSameCourse(a, parseCourseKey('course-v1:SamcedX+DATA101+1T2026B')!), false);
  assert.equal(isSameCourse(a, parseCourseKey('course-v1:samcedx+DATA101+1T2026')!), false);
  assert.deepEqual(courseKeyForms(a), ['course-v1:SamcedX+DATA101+1T2026', 'SamcedX/DATA101/1T2026']);
});

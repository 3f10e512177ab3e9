/**
 * Payloads of the smaller event families: textbook (book, textbook.pdf.*), navigation
 * (seq_goto/next/prev, link_clicked, outline), and enrollment.
 */
import type { CourseDef } from './courses';

/** `book` (PDF textbook page turn) payload. */
export function bookPayload(
  chapterAsset: string,
  type: 'gotopage' | 'prevpage' | 'nextpage',
  oldPage: number,
  newPage: number
): Record<string, unknown> {
  const name =
    type === 'gotopage'
      ? 'textbook.pdf.page.loaded'
      : type === 'nextpage'
        ? 'textbook.pdf.page.navigatednext'
        : 'textbook.pdf.page.navigatedprevious';
  return { type, old: oldPage, new: newPage, chapter: chapterAsset, name };
}

/** `textbook.pdf.*` payload: `chapter`, `name`, `page` plus the event's own fields. */
export function pdfPayload(
  name: string,
  chapterAsset: string,
  page: number,
  fields: Record<string, unknown> = {}
): Record<string, unknown> {
  return { chapter: chapterAsset, name, page, ...fields };
}

/** The page URL of a PDF textbook viewer. */
export function pdfBookPath(course: CourseDef, book: number, asset: string): string {
  return `/courses/${course.courseId}/pdfbook/${book}/?viewer=true&file=${asset}#zoom=page-fit&disableRange=true`;
}

/** seq_goto / seq_next / seq_prev payload (post-2016 fields included). */
export function sequencePayload(
  kind: 'goto' | 'next' | 'prev',
  sequentialKey: string,
  oldTab: number,
  newTab: number,
  tabCount: number
): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    old: oldTab,
    new: newTab,
    id: sequentialKey,
    current_tab: oldTab,
    tab_count: tabCount,
    widget_placement: 'top'
  };
  if (kind === 'goto') payload.target_tab = newTab;
  return payload;
}

/** The `name` of sequence navigation events. */
export const SEQUENCE_NAMES = {
  goto: 'edx.ui.lms.sequence.tab_selected',
  next: 'edx.ui.lms.sequence.next_selected',
  prev: 'edx.ui.lms.sequence.previous_selected'
} as const;

/** `edx.ui.lms.link_clicked` payload (an object, not a string). */
export function linkClickedPayload(currentUrl: string, targetUrl: string): Record<string, unknown> {
  return { current_url: currentUrl, target_url: targetUrl };
}

/** Enrollment event payload. */
export function enrollmentPayload(course: CourseDef, userId: number, mode: string): Record<string, unknown> {
  return { course_id: course.courseId, user_id: userId, mode };
}

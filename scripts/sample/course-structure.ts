/**
 * `...-course_structure-prod-analytics.json` (dump_course_structure: a flat object keyed by
 * usage key, `json.dumps(indent=2, sort_keys=True)`) and the OLX tarball
 * `...-course-prod-analytics.xml.tar.gz` (export_olx without static assets).
 */
import { gzipStable, tarArchive, type TarEntry } from './archive';
import { assetKey, rootKey, rootUrlName } from './courses';
import type { Leaf, Outline } from './outline';
import { pyDumpsIndented } from './python-json';
import { choiceText } from './event-problem';

function leafMetadata(outline: Outline, leaf: Leaf): Record<string, unknown> {
  const meta: Record<string, unknown> = { display_name: leaf.displayName };
  if (leaf.video) {
    meta.youtube_id_1_0 = outline.course.style === 'old' ? leaf.video.youtubeId : '';
    meta.html5_sources = outline.course.style === 'new' ? [`https://video.example.org/${leaf.id}.mp4`] : [];
    meta.download_video = false;
    if (leaf.video.inStructure) meta.duration = leaf.video.durationSec;
  } else if (leaf.problem) {
    meta.max_attempts = leaf.problem.survey ? null : 3;
    meta.weight = leaf.problem.graded ? leaf.problem.maxGrade : null;
    meta.showanswer = 'finished';
  } else if (leaf.category === 'discussion') {
    meta.discussion_category = 'Course';
    meta.discussion_target = leaf.displayName;
    meta.discussion_id = leaf.discussionId;
  }
  return meta;
}

/** The course_structure JSON text. */
export function courseStructureJson(outline: Outline): string {
  const c = outline.course;
  const blocks: Record<string, unknown> = {};
  blocks[rootKey(c)] = {
    category: 'course',
    children: outline.chapters.map((ch) => ch.key),
    metadata: {
      display_name: c.title,
      start: `${c.start}T00:00:00Z`,
      end: `${c.end}T23:59:00Z`,
      language: 'en',
      showanswer: 'finished',
      discussion_topics: { General: { id: 'course' } },
      days_early_for_beta: null,
      pdf_textbooks: outline.textbooks.map((name, i) => ({
        tab_title: i === 0 ? 'Course reader' : `Reader ${i + 1}`,
        chapters: [{ title: name, url: assetKey(c, name) }]
      })),
      tabs: [
        { type: 'courseware', name: 'Course' },
        { type: 'course_info', name: 'Home' },
        { type: 'discussion', name: 'Discussion' },
        { type: 'progress', name: 'Progress' }
      ]
    }
  };
  for (const section of [...outline.chapters, ...outline.sequentials])
    blocks[section.key] = { category: section.category, children: section.children, metadata: section.metadata };
  for (const unit of outline.units) {
    blocks[unit.key] = {
      category: 'vertical',
      children: unit.leaves.map((l) => l.key),
      metadata: { display_name: unit.displayName }
    };
    for (const leaf of unit.leaves)
      blocks[leaf.key] = { category: leaf.category, children: [], metadata: leafMetadata(outline, leaf) };
  }
  return pyDumpsIndented(blocks);
}

const xmlAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function leafXml(outline: Outline, leaf: Leaf): string {
  const name = xmlAttr(leaf.displayName);
  if (leaf.video)
    return `  <video url_name="${leaf.id}" display_name="${name}" youtube_id_1_0="${outline.course.style === 'old' ? leaf.video.youtubeId : ''}"/>`;
  if (leaf.category === 'discussion')
    return `  <discussion url_name="${leaf.id}" display_name="${name}" discussion_category="Course" discussion_target="${name}" discussion_id="${leaf.discussionId}"/>`;
  return `  <${leaf.category} url_name="${leaf.id}"/>`;
}

function problemXml(leaf: Leaf): string {
  const parts = leaf.problem!.inputs.map((input) => {
    if (input.kind === 'choice' || input.kind === 'multi') {
      const tag = input.kind === 'choice' ? 'multiplechoiceresponse' : 'choiceresponse';
      const group = input.kind === 'choice' ? 'choicegroup' : 'checkboxgroup';
      const choices = Array.from({ length: input.choices ?? 4 }, (_, i) => {
        const correct = Array.isArray(input.correct)
          ? input.correct.includes(`choice_${i}`)
          : input.correct === `choice_${i}`;
        return `      <choice correct="${correct}">${xmlAttr(choiceText(input, i))}</choice>`;
      }).join('\n');
      return `  <${tag}>\n    <label>${xmlAttr(input.question)}</label>\n    <${group}>\n${choices}\n    </${group}>\n  </${tag}>`;
    }
    if (input.kind === 'numeric')
      return `  <numericalresponse answer="${input.correct}">\n    <label>${xmlAttr(input.question)}</label>\n    <formulaequationinput/>\n  </numericalresponse>`;
    return `  <stringresponse answer="" type="ci">\n    <label>${xmlAttr(input.question)}</label>\n    <textline/>\n  </stringresponse>`;
  });
  return `<problem display_name="${xmlAttr(leaf.displayName)}" max_attempts="${leaf.problem!.survey ? '' : '3'}">\n${parts.join('\n')}\n</problem>\n`;
}

/** The OLX tarball (gzip) of the course; `mtime` is the export time in seconds. */
export function courseOlxTarGz(outline: Outline, mtime: number): Buffer {
  const c = outline.course;
  const top = rootUrlName(c) + '/';
  const url = rootUrlName(c);
  const entries: TarEntry[] = [{ path: top }];
  entries.push({
    path: top + 'course.xml',
    content: `<course url_name="${url}" org="${c.org}" course="${c.number}"/>\n`
  });
  entries.push(
    { path: top + 'about/' },
    {
      path: top + 'about/overview.html',
      content: `<section class="about"><h2>About This Course</h2><p>${c.title}</p></section>\n`
    }
  );
  entries.push({ path: top + 'chapter/' });
  for (const ch of outline.chapters) {
    const seqs = outline.sequentials
      .filter((s) => ch.children.includes(s.key))
      .map((s) => `  <sequential url_name="${s.id}"/>`)
      .join('\n');
    entries.push({
      path: `${top}chapter/${ch.id}.xml`,
      content: `<chapter display_name="${xmlAttr(ch.displayName)}">\n${seqs}\n</chapter>\n`
    });
  }
  entries.push({ path: top + 'course/' });
  const chapters = outline.chapters.map((ch) => `  <chapter url_name="${ch.id}"/>`).join('\n');
  entries.push({
    path: `${top}course/${url}.xml`,
    content: `<course display_name="${xmlAttr(c.title)}" start="&quot;${c.start}T00:00:00+00:00&quot;">\n${chapters}\n</course>\n`
  });
  entries.push({ path: top + 'policies/' }, { path: `${top}policies/${url}/` });
  const policy = {
    [`course/${url}`]: {
      display_name: c.title,
      start: `${c.start}T00:00:00Z`,
      end: `${c.end}T23:59:00Z`,
      discussion_topics: { General: { id: 'course' } }
    }
  };
  entries.push({
    path: `${top}policies/${url}/grading_policy.json`,
    content:
      pyDumpsIndented(
        { GRADER: [{ type: 'Homework', min_count: 3, drop_count: 0, weight: 1.0 }], GRADE_CUTOFFS: { Pass: 0.6 } },
        4
      ) + '\n'
  });
  entries.push({ path: `${top}policies/${url}/policy.json`, content: pyDumpsIndented(policy, 4) + '\n' });
  entries.push({ path: `${top}policies/assets.json`, content: '{}\n' });
  entries.push({ path: top + 'problem/' });
  for (const p of outline.problems) entries.push({ path: `${top}problem/${p.id}.xml`, content: problemXml(p) });
  entries.push({ path: top + 'sequential/' });
  for (const s of outline.sequentials) {
    const units = outline.units
      .filter((u) => u.sequential === s)
      .map((u) => `  <vertical url_name="${u.id}"/>`)
      .join('\n');
    const graded = s.metadata.graded ? ` format="Homework" graded="true"` : '';
    entries.push({
      path: `${top}sequential/${s.id}.xml`,
      content: `<sequential display_name="${xmlAttr(s.displayName)}"${graded}>\n${units}\n</sequential>\n`
    });
  }
  entries.push({ path: top + 'vertical/' });
  for (const u of outline.units) {
    entries.push({
      path: `${top}vertical/${u.id}.xml`,
      content: `<vertical display_name="${xmlAttr(u.displayName)}">\n${u.leaves.map((l) => leafXml(outline, l)).join('\n')}\n</vertical>\n`
    });
  }
  return gzipStable(tarArchive(entries, { mtime }));
}

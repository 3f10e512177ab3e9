import { createReadStream } from 'node:fs';
import { Parser, type ReadEntry } from 'tar';
import { InputError } from '../util/errors';

/**
 * A minimal XML reader for course OLX. OLX problem bodies mix XML with loose HTML (`<br>`, `<img>`
 * without a closing tag), so a close tag without a matching open one is ignored and an unclosed
 * element ends with its parent: the reader never fails on markup, only the caller decides what it
 * needs.
 */
export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const ATTR = /([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Parses `text` into a root element (tag '#document') holding the top-level nodes. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { tag: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const top = () => stack[stack.length - 1]!;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      top().children.push(decodeEntities(text.slice(i)));
      break;
    }
    if (lt > i) top().children.push(decodeEntities(text.slice(i, lt)));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      top().children.push(text.slice(lt + 9, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end + 3;
    } else if (text[lt + 1] === '?' || text[lt + 1] === '!') {
      const end = text.indexOf('>', lt);
      i = end < 0 ? text.length : end + 1;
    } else if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      const tag = text
        .slice(lt + 2, end < 0 ? text.length : end)
        .trim()
        .toLowerCase();
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      i = end < 0 ? text.length : end + 1;
    } else {
      const end = findTagEnd(text, lt + 1);
      const inner = text.slice(lt + 1, end);
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
      i = end + 1;
      if (!name) {
        top().children.push('<');
        i = lt + 1;
        continue;
      }
      const attrs: Record<string, string> = {};
      ATTR.lastIndex = name.length;
      for (let m = ATTR.exec(body); m; m = ATTR.exec(body)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
      const element: XmlElement = { tag: name.toLowerCase(), attrs, children: [] };
      top().children.push(element);
      if (!selfClosing && !VOID.has(element.tag)) stack.push(element);
      // script and style bodies are text, not markup
      if (!selfClosing && (element.tag === 'script' || element.tag === 'style')) {
        const close = text.toLowerCase().indexOf(`</${element.tag}`, i);
        element.children.push(text.slice(i, close < 0 ? text.length : close));
        i = close < 0 ? text.length : close;
      }
    }
  }
  return root;
}

const INLINE = new Set(['b', 'i', 'em', 'strong', 'span', 'a', 'code', 'sub', 'sup', 'u', 'small', 'tt', 'abbr']);

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'source', 'col', 'wbr']);

function findTagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return text.length;
}

/** Child elements of `element` (optionally with one of `tags`). */
export function elements(element: XmlElement, ...tags: string[]): XmlElement[] {
  return element.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (tags.length === 0 || tags.includes(c.tag))
  );
}

/** Every element below `element` in document order (not `element` itself). */
export function descendants(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const child of elements(e)) {
      out.push(child);
      walk(child);
    }
  };
  walk(element);
  return out;
}

/** The text of `node`, tags dropped, whitespace collapsed. */
export function textOf(node: XmlNode): string {
  const parts: string[] = [];
  const walk = (n: XmlNode) => {
    if (typeof n === 'string') parts.push(n);
    else if (n.tag !== 'script' && n.tag !== 'style') {
      // inline markup joins its text to the words around it; any other element is a word break
      const gap = INLINE.has(n.tag) ? '' : ' ';
      parts.push(gap);
      n.children.forEach(walk);
      parts.push(gap);
    }
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Files of an OLX export, by path inside the tarball (only `.xml` and `.json` files are kept). */
export type OlxFiles = Map<string, string>;

/** Reads the `.xml` and `.json` members of a course export tarball (gzip or plain tar). */
export async function readOlxTarball(path: string): Promise<OlxFiles> {
  const files: OlxFiles = new Map();
  await new Promise<void>((done, fail) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        if (entry.type !== 'File' || !/\.(xml|json)$/i.test(entry.path)) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () =>
          files.set(
            entry.path.replace(/^\.\//, ''),
            Buffer.concat(chunks)
              .toString('utf8')
              .replace(/^\uFEFF/, '')
          )
        );
      }
    });
    parser.on('error', (error: Error) =>
      fail(new InputError('course export (OLX) is not a readable tar: ' + error.message, { file: path }))
    );
    parser.on('end', () => done());
    const input = createReadStream(path);
    input.on('error', (error) =>
      fail(new InputError('cannot read the course export (OLX): ' + error.message, { file: path }))
    );
    input.pipe(parser);
  });
  return files;
}

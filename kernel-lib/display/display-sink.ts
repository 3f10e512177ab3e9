import type * as Tslab from 'tslab';

/** Where display helpers send their output: a notebook (rich) or a console (plain text). */
export interface DisplaySink {
  /** True when HTML and Markdown are rendered (inside a Jupyter kernel). */
  readonly rich: boolean;
  html(html: string): void;
  markdown(markdown: string): void;
  text(text: string): void;
}

interface TslabHook {
  require(id: string): unknown;
}

/**
 * tslab's `display` when this code runs inside a tslab kernel, else undefined. tslab's executor
 * sets `globalThis.__tslab__` and resolves `require('tslab')` of cells to the running kernel's
 * module, so this is the same object a cell gets from `import * as tslab from 'tslab'`. tslab is
 * loaded only inside a kernel, so that the CLI and tests do not pay for loading its TypeScript.
 */
export function tslabDisplay(): Tslab.Display | undefined {
  const hook = (globalThis as { __tslab__?: TslabHook }).__tslab__;
  if (!hook || typeof hook.require !== 'function') return undefined;
  return (hook.require('tslab') as typeof Tslab).display;
}

/** Plain text on stdout, for scripts and the CLI. */
export const consoleSink: DisplaySink = {
  rich: false,
  html: (html) => process.stdout.write(html + '\n'),
  markdown: (markdown) => process.stdout.write(markdown + '\n'),
  text: (text) => process.stdout.write(text + '\n')
};

/** A sink writing display_data through tslab. */
export function tslabSink(display: Tslab.Display): DisplaySink {
  return {
    rich: true,
    html: (html) => display.html(html),
    markdown: (markdown) => display.markdown(markdown),
    text: (text) => display.text(text)
  };
}

/** tslab's display inside a kernel, the console elsewhere. */
export function currentSink(): DisplaySink {
  const display = tslabDisplay();
  return display ? tslabSink(display) : consoleSink;
}

/** One item a {@link memorySink} received. */
export interface SinkItem {
  kind: 'html' | 'markdown' | 'text';
  value: string;
}

/** A sink that records what it is given, for tests. `rich` picks the notebook or console behaviour. */
export function memorySink(rich = true): DisplaySink & { items: SinkItem[] } {
  const items: SinkItem[] = [];
  return {
    rich,
    items,
    html: (value) => items.push({ kind: 'html', value }),
    markdown: (value) => items.push({ kind: 'markdown', value }),
    text: (value) => items.push({ kind: 'text', value })
  };
}

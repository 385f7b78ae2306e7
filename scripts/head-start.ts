/**
 * A head start for the page: what the first screen needs is asked for by index.html itself, in parallel with the
 * entry, instead of by the entry's code once all of it was fetched and run.
 * - The registry request: the module that starts it (`src/engine/registryHeadStart.ts`, the entry's first import) is
 *   built, with what it imports, into a small chunk of its own that index.html also loads `async`, so models.json is
 *   requested as soon as that chunk is in (see `src/engine/registryRequest.ts`). The entry imports the same chunk:
 *   the module runs once, whichever comes first.
 * - The opening tab's code and the first render's strings: the default tab is known at build time, so its chunks
 *   (and their CSS) are preloaded. A page opened on another tab (`?task=`) or in Chinese loads that code and those
 *   strings when the entry asks for them, as before.
 */
import { resolve } from 'node:path';
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

/**
 * The JavaScript and CSS files (bundle file names) that modules need: the chunks holding them and every chunk these
 * import statically, in that order.
 * @throws when a module is in no chunk (renamed or no longer built)
 */
export function chunkFiles(bundle: Rollup.OutputBundle, moduleIds: readonly string[]): { js: string[]; css: string[] } {
  const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (js.has(chunk.fileName)) return;
    js.add(chunk.fileName);
    for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
    for (const name of chunk.imports) visit(byName.get(name)!);
  };
  for (const id of moduleIds) {
    const holder = chunks.find((c) => c.moduleIds.includes(id));
    if (!holder) throw new Error(`head start: no chunk holds ${id}`);
    visit(holder);
  }
  return { js: [...js], css: [...css] };
}

/** A tag at the end of <head>, after the entry's own preloads (Vite's default place is before <meta charset>). */
const link = (attrs: HtmlTagDescriptor['attrs']): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' });

/**
 * Vite plugin (build only): builds the registry request into a chunk of its own and writes, into index.html, its
 * `async` script before the entry's and preloads for the opening tab's files that the page does not load already.
 * @param registryModule the module that starts the registry request (path from the project root)
 * @param opening the modules the page imports before its first render when opened on the default tab
 */
export function headStartPlugin(options: { registryModule: string; opening: readonly string[] }): Plugin {
  const registryModule = resolve(options.registryModule);
  const opening = options.opening.map((file) => resolve(file));
  let href = (file: string) => file;
  return {
    name: 'taiyi-head-start',
    apply: 'build',
    configResolved(config) {
      // a relative base (the default, './') is relative to index.html, which sits at the root of the build
      const base = config.base === '' || config.base.startsWith('.') ? './' : config.base;
      href = (file) => `${base}${file}`;
    },
    config: () => ({
      // the group takes the module and what it imports (a dependency shared with the entry would otherwise be a
      // chunk of its own, fetched after the head start's)
      build: { rollupOptions: { output: { codeSplitting: { groups: [{ name: 'head-start', test: (id) => id === registryModule }] } } } },
    }),
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        const [registryChunk] = chunkFiles(bundle, [registryModule]).js;
        const { js, css } = chunkFiles(bundle, opening);
        const absent = (file: string) => !html.includes(href(file));
        const tags: HtmlTagDescriptor[] = [
          ...js.filter(absent).map((file) => link({ rel: 'modulepreload', crossorigin: true, href: href(file) })),
          ...css.filter(absent).map((file) => link({ rel: 'preload', as: 'style', crossorigin: true, href: href(file) })),
        ];
        const script = `<script type="module" async crossorigin src="${href(registryChunk)}"></script>`;
        const entry = /<script type="module"/;
        if (!entry.test(html)) throw new Error('head start: index.html has no module script');
        return { html: html.replace(entry, (tag) => `${script}\n    ${tag}`), tags };
      },
    },
  };
}

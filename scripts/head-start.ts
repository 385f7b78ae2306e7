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
 * - The shell in one file: every module the entry imports statically is built into one chunk (`shell`). Left to
 *   itself the bundler cuts what the entry shares with the tabs into a score of small chunks, each a request of its
 *   own before the first render (a browser asks a host for six at a time over HTTP/1.1).
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
    // a module imported dynamically but built into a group is reached through a chunk of its own (its facade)
    const holder = chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
    if (!holder) throw new Error(`head start: no chunk holds ${id}`);
    visit(holder);
  }
  return { js: [...js], css: [...css] };
}

/** A tag at the end of <head>, after the entry's own preloads (Vite's default place is before <meta charset>). */
const link = (attrs: HtmlTagDescriptor['attrs']): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' });

/**
 * Vite plugin (build only): builds the registry request into a chunk of its own and the entry's static imports into
 * another, and writes, into index.html, the first one's `async` script before the entry's and preloads for the
 * opening tab's files that the page does not load already.
 * @param entry the page's entry module (path from the project root)
 * @param registryModule the module that starts the registry request (path from the project root)
 * @param opening the modules the page imports before its first render when opened on the default tab
 */
/**
 * Modules the module `from` imports statically, and what those import, however deep (not `from` itself).
 * @param importsOf the static imports of a module, by id
 */
export function staticImports(from: string, importsOf: (id: string) => readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (id: string) => {
    for (const next of importsOf(id))
      if (next !== from && !found.has(next)) {
        found.add(next);
        visit(next);
      }
  };
  visit(from);
  return found;
}

export function headStartPlugin(options: { entry: string; registryModule: string; opening: readonly string[] }): Plugin {
  const entry = resolve(options.entry);
  const registryModule = resolve(options.registryModule);
  const opening = options.opening.map((file) => resolve(file));
  let href = (file: string) => file;
  // the modules the entry imports statically, known once the module graph is built (before chunks are made)
  let shell = new Set<string>();
  let openingCode = new Set<string>();
  return {
    name: 'taiyi-head-start',
    apply: 'build',
    configResolved(config) {
      // a relative base (the default, './') is relative to index.html, which sits at the root of the build
      const base = config.base === '' || config.base.startsWith('.') ? './' : config.base;
      href = (file) => `${base}${file}`;
    },
    config: () => ({
      build: {
        rollupOptions: {
          output: {
            codeSplitting: {
              groups: [
                // the group takes the module and what it imports (a dependency shared with the entry would otherwise
                // be a chunk of its own, fetched after the head start's)
                { name: 'head-start', test: (id) => id === registryModule, priority: 2 },
                { name: 'shell', test: (id) => shell.has(id), priority: 1 },
                { name: 'opening', test: (id) => openingCode.has(id), priority: 0 },
              ],
            },
          },
        },
      },
    }),
    buildEnd() {
      const importsOf = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      shell = staticImports(entry, importsOf);
      openingCode = new Set(
        opening
          .filter((id) => !id.endsWith('.json'))
          .flatMap((id) => [id, ...staticImports(id, importsOf)])
          .filter((id) => !shell.has(id)),
      );
    },
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

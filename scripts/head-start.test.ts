import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { chunkFiles, staticImports } from './head-start';

/** A built chunk as Vite hands it to plugins, with only the fields the head start reads. */
const chunk = (fileName: string, moduleIds: string[], imports: string[] = [], css: string[] = [], facadeModuleId: string | null = null) =>
  ({
    type: 'chunk',
    fileName,
    moduleIds,
    facadeModuleId,
    imports,
    dynamicImports: [],
    viteMetadata: { importedCss: new Set(css) },
  }) as unknown as Rollup.OutputChunk;

const bundle = (...chunks: Rollup.OutputChunk[]): Rollup.OutputBundle => Object.fromEntries(chunks.map((c) => [c.fileName, c]));

describe('chunkFiles', () => {
  const built = bundle(
    chunk('assets/index.js', ['/app/src/main.tsx'], ['assets/react.js'], ['assets/index.css']),
    chunk('assets/react.js', ['/app/node_modules/react/index.js']),
    chunk('assets/Playground.js', ['/app/src/features/playground/Playground.tsx'], ['assets/Settings.js', 'assets/react.js']),
    chunk(
      'assets/Settings.js',
      ['/app/src/features/settings/Settings.tsx', '/app/src/features/settings/Field.tsx'],
      ['assets/react.js'],
      ['assets/Settings.css'],
    ),
    chunk('assets/workbench.js', ['/app/src/i18n/locales/en/workbench.json']),
    chunk('assets/Batch.js', ['/app/src/features/batch/Batch.tsx'], ['assets/react.js']),
  );

  it('lists the chunks holding the modules and every chunk they import, with their CSS, each once', () => {
    expect(chunkFiles(built, ['/app/src/features/playground/Playground.tsx', '/app/src/i18n/locales/en/workbench.json'])).toEqual({
      js: ['assets/Playground.js', 'assets/Settings.js', 'assets/react.js', 'assets/workbench.js'],
      css: ['assets/Settings.css'],
    });
  });

  it('finds a module that shares its chunk with others', () => {
    expect(chunkFiles(built, ['/app/src/features/settings/Field.tsx']).js).toEqual(['assets/Settings.js', 'assets/react.js']);
  });

  it("takes a module's own chunk when it was built into a group and is imported through a facade", () => {
    const grouped = bundle(
      chunk('assets/Playground.js', [], ['assets/opening.js'], [], '/app/src/features/playground/Playground.tsx'),
      chunk('assets/opening.js', ['/app/src/features/playground/Playground.tsx', '/app/src/features/settings/Settings.tsx']),
    );
    expect(chunkFiles(grouped, ['/app/src/features/playground/Playground.tsx']).js).toEqual(['assets/Playground.js', 'assets/opening.js']);
  });

  it('fails the build when a module is in no chunk, so a renamed tab cannot lose its head start unnoticed', () => {
    expect(() => chunkFiles(built, ['/app/src/features/playground/Renamed.tsx'])).toThrow(/no chunk holds .*Renamed\.tsx/);
  });
});

describe('staticImports', () => {
  const graph: Record<string, string[]> = {
    main: ['app', 'react'],
    app: ['react', 'tabs', 'main'], // a cycle back to the entry
    tabs: ['roving'],
    roving: ['tabs'],
    react: [],
  };
  it('follows static imports however deep, each module once, cycles included, without the module itself', () => {
    expect([...staticImports('main', (id) => graph[id] ?? [])].sort()).toEqual(['app', 'react', 'roving', 'tabs']);
    expect([...staticImports('tabs', (id) => graph[id] ?? [])]).toEqual(['roving']);
  });
});

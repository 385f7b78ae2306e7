import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { chunkFiles } from './head-start';

/** A built chunk as Vite hands it to plugins, with only the fields the head start reads. */
const chunk = (fileName: string, moduleIds: string[], imports: string[] = [], css: string[] = []) =>
  ({
    type: 'chunk',
    fileName,
    moduleIds,
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

  it('fails the build when a module is in no chunk, so a renamed tab cannot lose its head start unnoticed', () => {
    expect(() => chunkFiles(built, ['/app/src/features/playground/Renamed.tsx'])).toThrow(/no chunk holds .*Renamed\.tsx/);
  });
});

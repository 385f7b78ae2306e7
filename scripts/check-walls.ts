/**
 * The architecture's walls, checked on every test run:
 * engine libraries only in src/engine; nothing React, DOM-bound or engine-bound in src/core;
 * model and user text never injected as HTML.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

const importsOf = (source: string) =>
  [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );

const problems: string[] = [];
for (const file of files(join(root, 'src'))) {
  const rel = relative(root, file);
  const source = readFileSync(file, 'utf8');
  const isTest = /\.test\.tsx?$/.test(rel);
  for (const spec of importsOf(source)) {
    if (/^@mlc-ai\/web-llm|^@wllama\/wllama/.test(spec) && !rel.startsWith('src/engine/'))
      problems.push(`${rel}: imports ${spec}; engine libraries belong in src/engine`);
    if (rel.startsWith('src/core/') && /^(react|react-dom|zustand|i18next|react-i18next)(\/|$)|\/(engine|store|features|components)\//.test(spec))
      problems.push(`${rel}: imports ${spec}; src/core must stay free of UI, state and engines`);
  }
  if (!isTest && /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML/.test(source))
    problems.push(`${rel}: injects HTML; render model and user text as text`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`walls hold (${files(join(root, 'src')).length} files checked)`);

// Lint rules, including the architecture's walls (docs/architecture.md, "Folders"): each folder may import only
// the folders its row names. Static, side-effect and `export … from` imports go through `no-restricted-imports`;
// dynamic `import()` (string or template literal) through `no-restricted-syntax`, which the former does not see.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import react from 'eslint-plugin-react';
import globals from 'globals';

const ENGINE_LIBRARIES = ['@mlc-ai/web-llm', '@mlc-ai/web-llm/*', '@wllama/wllama', '@wllama/wllama/*'];
/** What features may use of src/engine besides types (docs/architecture.md). */
const ENGINE_PUBLIC = [
  'index',
  'types',
  'errors',
  'registry',
  'policy',
  'hardware',
  'selection',
  'engine-code',
  'folder-import',
  'storage',
];
const UI_LIBRARIES = ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'i18next', 'react-i18next'];

/** A folder's row of the table: what it may not import, as path patterns with the reason shown on a violation. */
function wall(files, groups) {
  const patterns = groups.map(({ group, message, allowTypeImports = false }) => ({ group, message, allowTypeImports }));
  // The same rule for dynamic imports: one selector per pattern, on the literal or the template's first part.
  const dynamic = groups.flatMap(({ message, regex }) => [
    { selector: `ImportExpression[source.value=${regex}]`, message },
    { selector: `ImportExpression[source.quasis.0.value.raw=${regex}]`, message },
  ]);
  return {
    files,
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.testutil.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...HTML_INJECTION, ...dynamic],
    },
  };
}

const engines = {
  group: ENGINE_LIBRARIES,
  regex: '/^@(mlc-ai\\/web-llm|wllama\\/wllama)/',
  message: 'Engine libraries belong in src/engine, loaded lazily.',
};
const folder = (name, message) => ({ group: [`**/${name}`, `**/${name}/**`], regex: `/(^|\\/)${name}(\\/|$)/`, message });

/** Model and user text are rendered as text, never parsed as HTML. */
const HTML_INJECTION = [
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'Render text, not HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render text, not HTML.' },
  { selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: 'Render text, not HTML.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'public/', 'e2e/.fixtures/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks, react },
    settings: { react: { version: 'detect' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react/no-danger': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...HTML_INJECTION],
    },
  },
  // Everything outside src/engine.
  wall(['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'e2e/**/*.ts'], [engines]),
  {
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': ['error', ...HTML_INJECTION] },
  },
  wall(
    ['src/core/**/*.ts'],
    [
      engines,
      {
        group: UI_LIBRARIES,
        regex: '/^(react|react-dom|zustand|i18next|react-i18next)(\\/|$)/',
        message: 'src/core stays free of UI and state: it runs in Node, the page and workers.',
      },
      ...['engine', 'store', 'features', 'components', 'app'].map((name) => folder(name, `src/core imports nothing of the app (${name}).`)),
      // the key types of UI strings only: they are erased, so core still runs without i18next
      { ...folder('i18n', 'src/core may name UI string keys (types), nothing else of i18n.'), allowTypeImports: true },
    ],
  ),
  wall(
    ['src/components/**/*.{ts,tsx}'],
    [
      engines,
      ...['engine', 'store', 'features', 'app'].map((name) => folder(name, `Shared widgets take props and depend on core only (${name}).`)),
    ],
  ),
  wall(
    ['src/store/**/*.ts'],
    [engines, ...['features', 'components', 'app'].map((name) => folder(name, `Stores depend on engine and core only (${name}).`))],
  ),
  wall(
    ['src/features/**/*.{ts,tsx}'],
    [
      engines,
      // The engine's public modules; its workers, runtimes, protocol and file storage are internals.
      {
        group: ['**/engine/*', ...ENGINE_PUBLIC.map((m) => `!**/engine/${m}`)],
        regex: `/(^|\\/)engine\\/(?!(${ENGINE_PUBLIC.join('|')})$)/`,
        message: 'Features use the engine through its public modules and the store, not its internals.',
        allowTypeImports: true,
      },
    ],
  ),
  {
    // Tests may reach across walls to set up what they test, but never load an engine library outside src/engine.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.testutil.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

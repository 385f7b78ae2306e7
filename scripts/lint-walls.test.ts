/** The architecture's walls as the linter enforces them: each folder row of docs/architecture.md, every import form. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..') });

/** The rule ids reported for `code` as if it lived at `path`. */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

// the first lint loads the whole config and its plugins: seconds on a busy machine
describe('walls', { timeout: 30_000 }, () => {
  it('keeps engine libraries in src/engine, in every import form', async () => {
    expect(await violations('src/features/x.ts', "import { CreateMLCEngine } from '@mlc-ai/web-llm';\nvoid CreateMLCEngine;")).toContain(
      RESTRICTED,
    );
    expect(await violations('src/store/x.ts', "import '@wllama/wllama';")).toContain(RESTRICTED);
    expect(await violations('src/features/x.ts', "export { Wllama } from '@wllama/wllama';")).toContain(RESTRICTED);
    expect(await violations('src/app/x.ts', "void import('@mlc-ai/web-llm');")).toContain('no-restricted-syntax');
    expect(await violations('src/app/x.ts', 'void import(`@wllama/wllama/esm/index.js`);')).toContain('no-restricted-syntax');
    expect(await violations('src/engine/x.ts', "void import('@wllama/wllama');")).toEqual([]);
  });

  it('keeps src/core free of UI, state, engines and the rest of the app', async () => {
    expect(await violations('src/core/x.ts', "import { useState } from 'react';\nvoid useState;")).toContain(RESTRICTED);
    expect(await violations('src/core/x.ts', "import { create } from 'zustand';\nvoid create;")).toContain(RESTRICTED);
    expect(await violations('src/core/tasks/x.ts', "import type { Engine } from '../../engine/types';\nexport type E = Engine;")).toContain(
      RESTRICTED,
    );
    expect(await violations('src/core/x.ts', "void import('../store/model');")).toContain('no-restricted-syntax');
    expect(await violations('src/core/x.ts', "import { alignMentions } from './align';\nvoid alignMentions;")).toEqual([]);
  });

  it('lets components depend on core only and features use only the public modules of the engine', async () => {
    expect(await violations('src/components/X.tsx', "import { useModel } from '../store/model';\nvoid useModel;")).toContain(RESTRICTED);
    expect(
      await violations('src/features/x/X.tsx', "import { generateGguf } from '../../engine/gguf-runtime';\nvoid generateGguf;"),
    ).toContain(RESTRICTED);
    expect(await violations('src/features/x/X.tsx', "void import('../../engine/opfs');")).toContain('no-restricted-syntax');
    expect(await violations('src/features/x/X.tsx', "import { ggufThreads } from '../../engine/hardware';\nvoid ggufThreads;")).toEqual([]);
    expect(
      await violations('src/features/x/X.tsx', "import type { ModelEntry } from '../../engine/types';\nexport type M = ModelEntry;"),
    ).toEqual([]);
  });

  it('ignores what only looks like an import', async () => {
    expect(
      await violations('src/core/x.ts', "// import { useState } from 'react';\nexport const s = \"import('../store/model')\";"),
    ).toEqual([]);
  });

  it('refuses HTML injection and breaking the rules of hooks', async () => {
    expect(
      await violations(
        'src/features/x/X.tsx',
        'export const X = ({ h }: { h: string }) => <div dangerouslySetInnerHTML={{ __html: h }} />;',
      ),
    ).toContain('react/no-danger');
    expect(await violations('src/features/x.ts', 'export const f = (el: HTMLElement, s: string) => { el.innerHTML = s; };')).toContain(
      'no-restricted-syntax',
    );
    const conditionalHook =
      "import { useState } from 'react';\nexport function X({ a }: { a: boolean }) { if (a) { useState(0); } return null; }";
    expect(await violations('src/features/x/X.tsx', conditionalHook)).toContain('react-hooks/rules-of-hooks');
  });
});

// Component tests opt into jsdom with `// @vitest-environment jsdom`; the matchers are harmless in Node.
import '@testing-library/jest-dom/vitest';

// jsdom lays nothing out and has no geometry for ranges; the long-text editor measures text through them
if (typeof Range !== 'undefined' && !Range.prototype.getClientRects) {
  const none = () => new DOMRect(0, 0, 0, 0);
  Range.prototype.getBoundingClientRect = none;
  Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
}

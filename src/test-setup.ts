// Component tests opt into jsdom with `// @vitest-environment jsdom`; the matchers are harmless in Node.
import '@testing-library/jest-dom/vitest';

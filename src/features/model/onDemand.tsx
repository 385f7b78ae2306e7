/**
 * Parts of the model area that show only after the user acts (a checked address, the server form), loaded then:
 * the first paint carries none of their code.
 */
import { lazy, memo, Suspense } from 'react';

const UrlCheckReportCode = lazy(() => import('./UrlCheckReport').then((m) => ({ default: m.UrlCheckReport })));
const AddServerModelCode = lazy(() => import('./AddServerModel').then((m) => ({ default: m.AddServerModel })));

/** Memoized: it reads the store itself, so the form around it (which renders at every run's start and end) need not. */
export const UrlCheckReport = memo(function UrlCheckReport() {
  return (
    <Suspense fallback={null}>
      <UrlCheckReportCode />
    </Suspense>
  );
});

export const AddServerModel = () => (
  <Suspense fallback={null}>
    <AddServerModelCode />
  </Suspense>
);

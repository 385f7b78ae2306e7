/**
 * Parts of the model area that show only after the user acts (a checked address, the server form), loaded then:
 * the first paint carries none of their code.
 */
import { lazy, Suspense } from 'react';

const UrlCheckReportCode = lazy(() => import('./UrlCheckReport').then((m) => ({ default: m.UrlCheckReport })));
const AddServerModelCode = lazy(() => import('./AddServerModel').then((m) => ({ default: m.AddServerModel })));

export const UrlCheckReport = () => (
  <Suspense fallback={null}>
    <UrlCheckReportCode />
  </Suspense>
);

export const AddServerModel = () => (
  <Suspense fallback={null}>
    <AddServerModelCode />
  </Suspense>
);

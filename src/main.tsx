// first: it asks for models.json (in the build, index.html has already loaded it, see scripts/head-start.ts)
import './engine/registryHeadStart';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './styles.css';
import { App } from './App';
import { applyTheme, savedTheme } from './app/theme';

applyTheme(savedTheme(), false); // before the first paint: no flash of the other theme
import { followClearsFromOtherTabs } from './features/privacy/clearData';
import { readStartParams } from './app/urlParams';
import { startFromParams } from './app/start';
import { openingTask } from './features/tabs';

followClearsFromOtherTabs();

// The model list, the hardware probe and the opening tab's code are fetched before React renders, not after its
// first commit; the page renders once its strings and that tab are in, so it never shows a loading placeholder.
const params = readStartParams();
void startFromParams(params);
await Promise.all([
  i18nReady,
  openingTask(params.task)
    .Panel.preload()
    .catch(() => undefined),
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

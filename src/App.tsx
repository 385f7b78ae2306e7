import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from './components/Tabs';
import { TASK_TABS, openingTask } from './features/tabs';
import { ModelPicker } from './features/model/ModelPicker';
import { ModelStatus } from './features/model/ModelStatus';
import { PrivacyLine, ServerBadge } from './features/model/ServerBadge';
import { ModelError } from './features/model/ModelError';
import { LoadProgress } from './features/model/LoadProgress';
import { AddModel } from './features/model/AddModel';
import { HardwarePanel } from './features/model/HardwarePanel';
import { LanguageSwitch } from './features/model/LanguageSwitch';
import { ThemeSwitch } from './features/model/ThemeSwitch';
import { AboutModel, UseNotice } from './features/model/AboutModel';
import { RegistryProblems } from './features/model/RegistryProblems';
import { HostingNotice } from './features/model/HostingNotice';
import { StorageButton } from './features/storage/StorageButton';
import { UpdatePrompt } from './features/offline/UpdatePrompt';
import { readStartParams, writeTaskParam } from './app/urlParams';

export function App() {
  const { t } = useTranslation();
  const [task, setTask] = useState(() => openingTask(readStartParams().task).id);
  const Active = TASK_TABS.find((tab) => tab.id === task)!.Panel;

  return (
    <div className="app">
      <header className="app-header">
        {/* the language switch shares the title's line at every width: someone who cannot read the page finds it first */}
        <div className="header-top">
          <h1 className="app-title">
            {t('appName')}
            <span className="app-tagline">{t('tagline')}</span>
          </h1>
          <LanguageSwitch />
        </div>
        <div className="header-model">
          <ModelPicker />
          <ModelStatus />
          <ServerBadge />
        </div>
        <StorageButton />
        <ThemeSwitch />
      </header>
      <UpdatePrompt />
      <div className="model-area">
        <UseNotice />
        <HostingNotice />
        <ModelError />
        <RegistryProblems />
        <LoadProgress />
        <div className="row wrap">
          <AddModel />
          <HardwarePanel />
          <AboutModel />
        </div>
      </div>
      <main>
        <Tabs
          label={t('tasks.label')}
          items={TASK_TABS.map(({ id }) => ({ id, label: t(`tasks.${id}`) }))}
          active={task}
          onChange={(id) => {
            setTask(id);
            writeTaskParam(id);
          }}
        >
          <Suspense fallback={<p className="hint">{t('loadingPanel')}</p>}>
            <Active />
          </Suspense>
        </Tabs>
      </main>
      <footer className="app-footer">
        <PrivacyLine />
      </footer>
    </div>
  );
}

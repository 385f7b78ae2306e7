import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { usePlayground } from '../../store/playground';
import { acceptsGeneration, useModel, loadedEntry } from '../../store/model';
import { SettingsPanel } from './SettingsPanel';
import { RunStats } from './RunStats';
import { rawAnswer, StreamedText } from '../../components/StreamedText';
import { StreamBox } from '../../components/StreamBox';

/** A prompt, a streamed answer, stop, settings and per-run statistics. */
export function Playground() {
  const { t } = useTranslation();
  const { t: tw } = useTranslation('workbench');
  const { prompt, last, setPrompt, start, stop } = usePlayground(
    useShallow(({ prompt, last, setPrompt, start, stop }) => ({ prompt, last, setPrompt, start, stop })),
  );
  const running = usePlayground((s) => s.run.running);
  const status = useModel((s) => s.status);
  const entry = useModel(loadedEntry);
  const hasTemplate = useModel((s) => s.loaded?.hasChatTemplate);
  // a model server takes this run beside a job's; a model on this device runs one at a time
  const accepts = useModel(acceptsGeneration);
  const canRun = accepts && !running && prompt.trim().length > 0;

  const format = !entry
    ? null
    : entry.prompt_format === 'taiyi'
      ? t('playground.formatTaiyi')
      : entry.engine === 'gguf' && !hasTemplate
        ? t('playground.formatCompletion')
        : t('playground.formatChat');

  return (
    <div className="playground">
      <div className="task-main">
        <label htmlFor="playground-prompt" className="field-label">
          {t('playground.prompt')}
        </label>
        <textarea
          id="playground-prompt"
          data-testid="task-input"
          rows={6}
          value={prompt}
          placeholder={t('playground.placeholder')}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canRun) void start();
          }}
        />
        <div className="row actions">
          <button type="button" className="primary" data-testid="run" disabled={!canRun} onClick={() => void start()}>
            {t('task.run')}
          </button>
          <button type="button" data-testid="stop" disabled={!running} onClick={stop}>
            {t('task.stop')}
          </button>
          {format && <span className="hint">{format}</span>}
          {status !== 'ready' && status !== 'generating' && <span className="hint">{t('task.loadFirst')}</span>}
          {!accepts && status === 'generating' && !running && <span className="hint">{tw('run.busy')}</span>}
        </div>
        <section aria-labelledby="playground-answer" className="answer">
          <h3 id="playground-answer">{t('playground.answer')}</h3>
          <Answer />
          {last && <RunStats usage={last.usage} finishReason={last.finishReason} />}
        </section>
      </div>
      <SettingsPanel />
    </div>
  );
}

const answerText = rawAnswer(usePlayground, 0);

/** The streamed answer: its text follows the tokens without rendering the playground. */
function Answer() {
  const running = usePlayground((s) => s.run.running);
  return (
    <StreamBox data-testid="output-raw" aria-live="off" busy={running}>
      <StreamedText source={answerText} />
    </StreamBox>
  );
}

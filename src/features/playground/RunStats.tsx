import { useTranslation } from 'react-i18next';
import type { FinishReason, RunUsage } from '../../engine/types';

/**
 * Per-run statistics: time to first token, prefill and decode speed, token counts. Prompt tokens the engine
 * reused from its cache are shown apart: the prefill speed is measured over the evaluated ones only.
 */
export function RunStats({ usage, finishReason }: { usage: RunUsage; finishReason: FinishReason }) {
  const { t } = useTranslation();
  const rate = (v: number) => (Number.isFinite(v) && v > 0 ? v.toFixed(1) : '–');
  return (
    <dl className="run-stats" data-testid="run-stats">
      <div>
        <dt>{t('stats.ttft')}</dt>
        <dd>{Math.round(usage.timeToFirstTokenMs)} ms</dd>
      </div>
      <div>
        <dt>{t('stats.prefill')}</dt>
        <dd data-testid="stats-prefill">{rate(usage.prefillTokensPerSec)} tok/s</dd>
      </div>
      <div>
        <dt>{t('stats.decode')}</dt>
        <dd data-testid="stats-decode">{rate(usage.decodeTokensPerSec)} tok/s</dd>
      </div>
      <div>
        <dt>{t('stats.tokens')}</dt>
        <dd data-testid="stats-tokens">
          {usage.promptTokens} + {usage.completionTokens}
        </dd>
      </div>
      {usage.cachedPromptTokens !== undefined && (
        <div>
          <dt>{t('stats.cached')}</dt>
          <dd data-testid="stats-cached">{usage.cachedPromptTokens}</dd>
        </div>
      )}
      <div>
        <dt>{t('stats.finish')}</dt>
        <dd>{t(`stats.finishReason.${finishReason}`)}</dd>
      </div>
    </dl>
  );
}

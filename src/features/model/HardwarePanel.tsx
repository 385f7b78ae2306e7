import { useTranslation } from 'react-i18next';
import { useModel, selectedEntry } from '../../store/model';
import { selectModel } from '../../store/modelActions';
import { ggufThreads } from '../../engine/hardware';
import { deviceWarnings } from '../../engine/selection';
import { formatBytes } from '../../app/format';

/** What the browser offers for running models, and what that means for the chosen one. */
export function HardwarePanel() {
  const { t } = useTranslation();
  const hw = useModel((s) => s.hardware);
  const entry = useModel(selectedEntry);
  const firstGguf = useModel((s) => s.entries.find((e) => e.engine === 'gguf'));
  if (!hw) return null;

  const adapterName = hw.adapter
    ? [hw.adapter.vendor, hw.adapter.architecture, hw.adapter.description || hw.adapter.device].filter(Boolean).join(' · ')
    : '';
  const warnings = entry ? deviceWarnings(entry, hw) : [];

  return (
    <div className="hardware" data-testid="hardware-panel">
      <details>
        <summary>
          {t('hardware.title')}: {t('hardware.webgpu')} {hw.webgpu ? t('hardware.available') : t('hardware.unavailable')}
        </summary>
        <dl>
          {hw.adapter && (
            <>
              <dt>{t('hardware.adapter')}</dt>
              <dd data-testid="hw-adapter">
                {adapterName || '—'}
                {hw.adapter.isFallbackAdapter && ` (${t('hardware.fallback')})`}
              </dd>
              <dt>{t('hardware.shaderF16')}</dt>
              <dd data-testid="hw-shader-f16">{hw.shaderF16 ? t('hardware.yes') : t('hardware.no')}</dd>
              <dt>{t('hardware.maxBinding')}</dt>
              <dd>{formatBytes(hw.adapter.maxStorageBufferBindingSize)}</dd>
              <dt>{t('hardware.maxBuffer')}</dt>
              <dd>{formatBytes(hw.adapter.maxBufferSize)}</dd>
            </>
          )}
          <dt>{t('hardware.isolated')}</dt>
          <dd data-testid="hw-gguf-threads" data-threads={ggufThreads(hw)}>
            {hw.crossOriginIsolated
              ? t('hardware.threads', { count: ggufThreads(hw), cores: hw.hardwareConcurrency })
              : t('hardware.notIsolated')}
          </dd>
        </dl>
      </details>
      {!hw.webgpu && (
        <p className="notice" data-testid="no-webgpu">
          {t('hardware.noWebgpuAdvice')}{' '}
          {firstGguf && entry?.engine !== 'gguf' && (
            <button type="button" className="link" onClick={() => selectModel(firstGguf.id)}>
              {t('hardware.useGguf')}
            </button>
          )}
        </p>
      )}
      {warnings.map((w) => (
        <p className="notice" key={w} data-testid={`hw-warning-${w}`}>
          {t(`hardware.${w}`, { model: entry?.label, need: formatBytes((entry?.vram_required_MB ?? 0) * 1024 * 1024) })}
        </p>
      ))}
    </div>
  );
}

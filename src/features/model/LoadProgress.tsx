import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatSeconds } from '../../app/format';

/** Percent always; bytes, speed and time left when the engine reports byte counts. */
export function LoadProgress() {
  const { t, i18n } = useTranslation();
  // the store holds progress only while a load is under way
  const progress = useModel((s) => s.progress);
  if (!progress) return null;

  const parts: string[] = [];
  if (progress.waitingForOtherTab) {
    parts.push(t('progress.otherTab'));
  } else if (progress.loadedBytes !== undefined && progress.totalBytes) {
    parts.push(t('progress.bytes', { loaded: formatBytes(progress.loadedBytes), total: formatBytes(progress.totalBytes) }));
    if (progress.bytesPerSec) {
      parts.push(t('progress.speed', { speed: formatBytes(progress.bytesPerSec) }));
      const left = (progress.totalBytes - progress.loadedBytes) / progress.bytesPerSec;
      parts.push(t('progress.left', { time: formatSeconds(left, i18n.language) }));
    }
  } else if (progress.text) {
    parts.push(progress.text);
  }
  return (
    <div data-testid="load-progress">
      <ProgressBar fraction={progress.fraction} label={t('progress.loading')} detail={parts.join(' · ')} />
    </div>
  );
}

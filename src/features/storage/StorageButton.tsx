import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './storage.css';

// the manager's code (and wllama's cache reader behind it) loads when the dialog first opens
const StorageDialogBody = lazy(() => import('./StorageDialogBody'));

/** The header's "Storage & privacy" button and the modal dialog it opens (Escape or the close button close it). */
export function StorageButton() {
  const { t } = useTranslation('storage');
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        data-testid="storage-open"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {t('open')}
      </button>
      <dialog
        ref={dialog}
        className="storage-dialog"
        aria-labelledby="storage-title"
        data-testid="storage-dialog"
        onClose={() => setOpen(false)}
      >
        <div className="storage-dialog-head">
          <h2 id="storage-title">{t('title')}</h2>
          <button type="button" data-testid="storage-close" onClick={() => dialog.current?.close()}>
            {t('close')}
          </button>
        </div>
        {open && (
          <Suspense fallback={<p className="hint">{t('loading')}</p>}>
            <StorageDialogBody />
          </Suspense>
        )}
      </dialog>
    </>
  );
}

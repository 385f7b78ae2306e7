import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../app/format';
import { ConfirmButton } from '../../components/ConfirmButton';
import { deleteEveryModel, deleteModel, useStorage } from '../../store/storage';
import type { StoredModel } from '../../engine/storage';

function stateText(model: StoredModel, t: TFunction<'storage'>) {
  if (model.location.kind === 'kept') return t('models.kept');
  return model.complete ? t('models.complete') : t('models.incomplete');
}

/** Every model either engine keeps in this browser, with its size; delete one, or all after a confirmation. */
export function StoredModelList() {
  const { t } = useTranslation(['storage', 'common']);
  const models = useStorage((s) => s.models);
  const deleting = useStorage((s) => s.deleting);
  const keeping = useStorage((s) => s.keeping);
  const keepError = useStorage((s) => s.keepError);
  const busyAll = deleting.includes('all');

  return (
    <section aria-labelledby="stored-models-heading">
      <h3 id="stored-models-heading">{t('models.heading')}</h3>
      {keeping && (
        <p role="status">
          {t('models.keeping', { model: keeping.label })} {Math.round((keeping.copied / Math.max(1, keeping.total)) * 100)}%
        </p>
      )}
      {keepError && (
        <p className="notice" data-testid="keep-error">
          {t('models.keepFailed', {
            model: keepError.label,
            reason: t(keepError.code === 'quota' ? 'models.keepNoRoom' : 'models.keepOther'),
          })}
        </p>
      )}
      {models.length === 0 ? (
        <p data-testid="stored-models-empty">{t('models.none')}</p>
      ) : (
        <table className="stored-models">
          <thead>
            <tr>
              <th scope="col">{t('models.name')}</th>
              <th scope="col">{t('models.engine')}</th>
              <th scope="col">{t('models.size')}</th>
              <th scope="col">{t('models.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('models.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr
                key={m.key}
                data-testid="stored-model"
                data-engine={m.engine}
                data-address={m.address}
                data-complete={m.complete}
                data-bytes={m.bytes}
              >
                <th scope="row">
                  {m.label}
                  <span className="stored-address">{m.address}</span>
                </th>
                <td>{t(`common:engine.${m.engine}`)}</td>
                <td>
                  {formatBytes(m.bytes)} · {t('models.files', { count: m.fileCount })}
                </td>
                <td>{stateText(m, t)}</td>
                <td>
                  <ConfirmButton
                    label={t('models.delete')}
                    ariaLabel={t('models.deleteLabel', { model: m.label })}
                    question={t('models.deleteConfirm', { model: m.label })}
                    yes={t('models.yesDelete')}
                    no={t('models.cancel')}
                    onConfirm={() => void deleteModel(m)}
                    busy={busyAll || deleting.includes(m.key)}
                    busyLabel={t('models.deleting')}
                    testId="stored-model-delete"
                    confirmTestId="stored-model-delete-confirm"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {models.length > 0 && (
        <ConfirmButton
          label={t('models.deleteAll')}
          question={t('models.deleteAllConfirm')}
          yes={t('models.yesDeleteAll')}
          no={t('models.cancel')}
          onConfirm={() => void deleteEveryModel()}
          busy={busyAll}
          busyLabel={t('models.deleting')}
          testId="storage-delete-all"
          confirmTestId="storage-delete-all-confirm"
        />
      )}
    </section>
  );
}

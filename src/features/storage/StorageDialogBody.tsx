import { useEffect } from 'react';
import { refreshStorage } from '../../store/storage';
import { PrivacySection } from '../privacy/PrivacySection';
import { FolderImport } from './FolderImport';
import { StorageSummary } from './StorageSummary';
import { StoredModelList } from './StoredModelList';

/** The dialog's content: space and offline state, stored models, folder import, privacy. */
export default function StorageDialogBody() {
  useEffect(() => void refreshStorage(), []);
  return (
    <div className="storage-body">
      <StorageSummary />
      <StoredModelList />
      <FolderImport />
      <PrivacySection />
    </div>
  );
}

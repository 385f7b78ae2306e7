// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { useStorage } from '../../store/storage';
import type { StoredModel } from '../../engine/storage';
import { StoredModelList } from './StoredModelList';

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

const model = {
  key: 'gguf:https://h/m.gguf',
  engine: 'gguf',
  label: 'Tiny model',
  address: 'https://h/m.gguf',
  bytes: 4096,
  fileCount: 1,
  complete: true,
  location: { kind: 'gguf-cache', urls: ['https://h/m.gguf'] },
} as unknown as StoredModel;

describe('stored model list', () => {
  it('deletes one model only after asking, and "no" keeps it', () => {
    useStorage.setState({ models: [model], deleting: [] });
    render(<StoredModelList />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete Tiny model' }));
    const question = screen.getByRole('group', { name: 'Delete Tiny model' });
    expect(question).toHaveTextContent('Delete Tiny model? It must be downloaded or imported again.');
    expect(useStorage.getState().deleting).toEqual([]);
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.getAllByTestId('stored-model')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Delete Tiny model' })).toHaveFocus();
  });
});

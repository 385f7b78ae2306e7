// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { TaskInput } from './TaskInput';

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

function Box() {
  const [value, setValue] = useState('typed by the user');
  return <TaskInput label="Text" value={value} onChange={setValue} />;
}

const open = (file: File) => {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  fireEvent.change(input, { target: { files: [file] } });
};

describe('TaskInput file reading', () => {
  it('reads a GB18030 file as Chinese text and says it was not UTF-8', async () => {
    render(<Box />);
    // 患者主诉咳嗽 in GB18030.
    open(
      new File([new Uint8Array([0xbb, 0xbc, 0xd5, 0xdf, 0xd6, 0xf7, 0xcb, 0xdf, 0xbf, 0xc8, 0xcb, 0xd4])], 'note.txt', {
        type: 'text/plain',
      }),
    );
    await waitFor(() => expect(screen.getByTestId('task-input')).toHaveValue('患者主诉咳嗽'));
    expect(screen.getByTestId('input-encoding')).toHaveTextContent('Read as GB18030');
  });

  it('refuses a binary file dropped as text and keeps what was typed', async () => {
    render(<Box />);
    const gguf = new Uint8Array(2048);
    gguf.set([0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0]);
    open(new File([gguf], 'model.gguf'));
    await screen.findByText('model.gguf is not a plain text file.');
    expect(screen.getByTestId('task-input')).toHaveValue('typed by the user');
    expect(screen.queryByTestId('input-encoding')).toBeNull();
  });
});

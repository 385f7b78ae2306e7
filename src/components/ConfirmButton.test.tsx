// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmButton } from './ConfirmButton';

afterEach(cleanup);

const props = { label: 'Delete all', question: 'Really?', yes: 'Yes, delete', no: 'Cancel', testId: 'ask', confirmTestId: 'yes' };

describe('confirm button', () => {
  it('acts only after "yes", with the safe answer focused first', () => {
    const onConfirm = vi.fn();
    render(<ConfirmButton {...props} onConfirm={onConfirm} />);
    fireEvent.click(screen.getByTestId('ask'));
    expect(screen.getByRole('group', { name: 'Delete all' })).toHaveTextContent('Really?');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('yes'));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('closes on "no" or Escape without acting, and hands focus back to the button', () => {
    const onConfirm = vi.fn();
    render(<ConfirmButton {...props} onConfirm={onConfirm} />);
    fireEvent.click(screen.getByTestId('ask'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('ask')).toHaveFocus();
    fireEvent.click(screen.getByTestId('ask'));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByTestId('ask')).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('is disabled and says so while the action runs', () => {
    render(<ConfirmButton {...props} onConfirm={() => {}} busy busyLabel="Deleting…" />);
    expect(screen.getByTestId('ask')).toBeDisabled();
    expect(screen.getByTestId('ask')).toHaveTextContent('Deleting…');
  });
});

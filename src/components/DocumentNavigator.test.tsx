// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { DocumentNavigator, MAX_LISTED, matchingDocuments } from './DocumentNavigator';

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

// 500 abstracts, as a large PubTator import opens; every 50th one is about famotidine
const docs = Array.from({ length: 500 }, (_, i) => ({
  id: String(10_000 + i),
  text: i % 50 === 7 ? `Famotidine and delirium, case ${i}.` : `Abstract number ${i} about something else.`,
}));

function Harness() {
  const [index, setIndex] = useState(0);
  return (
    <>
      <DocumentNavigator docs={docs} index={index} onShow={setIndex} testId="nav" />
      <output data-testid="shown">{docs[index]!.id}</output>
    </>
  );
}

describe('document navigator', () => {
  it('finds documents by id or text, in any case', () => {
    expect(matchingDocuments(docs, 'FAMOTIDINE')).toEqual([7, 57, 107, 157, 207, 257, 307, 357, 407, 457]);
    expect(matchingDocuments(docs, '10499')).toEqual([499]);
    expect(matchingDocuments(docs, '  ')).toHaveLength(500);
  });

  it('lists a few hundred at most, steps with previous and next, and narrows by search', async () => {
    render(<Harness />);
    const list = screen.getByTestId('nav') as HTMLSelectElement;
    expect(list.options).toHaveLength(MAX_LISTED);
    expect(screen.getByTestId('nav-position')).toHaveTextContent('Document 1 of 500');
    expect(screen.getByTestId('nav-prev')).toBeDisabled();
    fireEvent.click(screen.getByTestId('nav-next'));
    expect(screen.getByTestId('shown')).toHaveTextContent('10001');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a document' }), { target: { value: 'famotidine' } });
    expect(await screen.findByText(/10 matches/)).toBeInTheDocument();
    // the document shown stays in the list, first, followed by the matches
    expect(list.options).toHaveLength(11);
    fireEvent.click(screen.getByTestId('nav-next'));
    expect(screen.getByTestId('shown')).toHaveTextContent('10007');
    fireEvent.click(screen.getByTestId('nav-next'));
    expect(screen.getByTestId('shown')).toHaveTextContent('10057');
    fireEvent.click(screen.getByTestId('nav-prev'));
    expect(screen.getByTestId('shown')).toHaveTextContent('10007');
    fireEvent.change(list, { target: { value: '457' } });
    expect(screen.getByTestId('shown')).toHaveTextContent('10457');
    expect(screen.getByTestId('nav-next')).toBeDisabled();
    // Enter in the search box opens the first match
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '10321' } });
    await screen.findByText(/1 match\b/);
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Enter' });
    expect(screen.getByTestId('shown')).toHaveTextContent('10321');
  });
});

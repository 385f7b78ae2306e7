// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { emptyChoices } from '../../core/tasks/definitions/qa';
import { taskStore } from '../../store/taskStore';
import { IDLE_RUN } from '../../store/taskRun';
import { calls, queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
import { QA_EXAMPLES } from './examples';
import { QaPanel } from './QaPanel';

const useQa = taskStore('qa');

vi.mock('../../store/modelActions', async () => (await import('../workbench/fakeModel.testutil')).fakeModelActions);

beforeAll(() => i18n.changeLanguage('en'));
beforeEach(() => {
  readyModel();
  useQa.setState({ format: 'free', question: '', context: '', choices: emptyChoices(), langMode: 'auto', view: null, run: IDLE_RUN });
});
afterEach(cleanup);

const pick = (id: string) => fireEvent.change(screen.getByTestId('example-picker'), { target: { value: id } });

describe('question answering tab', () => {
  it('streams a free answer as Markdown and drops raw HTML from it', async () => {
    render(<QaPanel />);
    pick('qaFreeEn');
    queueAnswers(
      '**Thiazide diuretics**, ACE inhibitors:\n\n- lower blood pressure<script>alert(1)</script>\n- <img src=x onerror=alert(2)>protect the kidneys',
    );
    fireEvent.click(screen.getByTestId('run'));
    const answer = await screen.findByTestId('qa-answer');
    await vi.waitFor(() => expect(answer.querySelectorAll('li')).toHaveLength(2));
    expect(answer.querySelector('strong')!.textContent).toBe('Thiazide diuretics');
    expect(answer.querySelector('script, img')).toBeNull();
    expect(answer.textContent).not.toContain('alert');
    expect(answer.textContent).toContain('protect the kidneys');
  });

  it('marks the chosen option of a multiple-choice question (MCMLE item, answer E)', async () => {
    render(<QaPanel />);
    pick('qaChoiceZh');
    expect(screen.getAllByTestId('qa-choice')).toHaveLength(5);
    queueAnswers('答案：E');
    fireEvent.click(screen.getByTestId('run'));
    const answer = await screen.findByTestId('qa-answer');
    expect(answer.dataset.answer).toBe('E');
    expect(answer.textContent).toBe(`E. ${QA_EXAMPLES.find((e) => e.id === 'qaChoiceZh')!.choices!.E}`);
    const chosen = screen.getAllByTestId('qa-option').filter((o) => o.getAttribute('aria-current') === 'true');
    expect(chosen.map((o) => o.textContent)).toEqual([expect.stringMatching(/^E\. 24小时内 ✓ chosen$/)]);
    expect(calls[0][0].content).toContain('A. 2小时');
  });

  it('answers yes/no/maybe over a pasted context (PubMedQA item)', async () => {
    render(<QaPanel />);
    pick('qaYesNo');
    expect((screen.getByTestId('qa-context') as HTMLTextAreaElement).value).toContain('Dyschesia');
    queueAnswers('Yes. Anorectal endosonography demonstrated paradoxical sphincter changes.');
    fireEvent.click(screen.getByTestId('run'));
    expect((await screen.findByTestId('qa-answer')).textContent).toBe('Yes');
    expect(calls[0][0].content).toMatch(/^Context: Dyschesia[\s\S]*\nQuestion: Is anorectal endosonography valuable in dyschesia\?/);
  });

  it('says when a multiple-choice answer names no option', async () => {
    render(<QaPanel />);
    pick('qaChoiceEn');
    queueAnswers('the patient was with cells');
    fireEvent.click(screen.getByTestId('run'));
    expect((await screen.findByTestId('nothing-parsed')).textContent).toContain('one of the options');
    expect(screen.queryByTestId('qa-answer')).toBeNull();
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { displayTypeName, HOC_LABELS, LABEL_PRESETS } from '../core/tasks/presets';
import { EntityLegend } from './EntityLegend';
import { RelationTable } from './RelationTable';
import { TypePicker } from './TypePicker';

beforeAll(() => i18n.changeLanguage('zh'));
afterAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

const picker = (names: readonly string[], onUnchecked = vi.fn()) => (
  <TypePicker
    legend="types"
    presets={[]}
    preset="x"
    onPreset={() => undefined}
    names={names}
    unchecked={[]}
    onUnchecked={onUnchecked}
    freeTypes=""
    onFreeTypes={() => undefined}
    freeLabel="free"
  />
);

describe('type and label names in the Chinese UI', () => {
  it('shows entity and relation presets by their Chinese names', () => {
    expect(displayTypeName('Chemical', 'zh')).toBe('化学物质');
    expect(displayTypeName('chemical-induced disease', 'zh')).toBe('化学物质诱发疾病');
    expect(displayTypeName('Chemical', 'en')).toBe('Chemical');
  });

  it('translates every LitCovid and HoC label, while the checkbox keeps the dataset name', () => {
    const onUnchecked = vi.fn();
    render(picker(LABEL_PRESETS.litcovid.names.en, onUnchecked));
    expect(screen.getByRole('checkbox', { name: '病例报告' })).toHaveAttribute('value', 'Case Report');
    fireEvent.click(screen.getByRole('checkbox', { name: '疫情预测' }));
    expect(onUnchecked).toHaveBeenCalledWith(['Epidemic Forecasting']);
    cleanup();
    render(picker(HOC_LABELS));
    const shown = screen.getAllByRole('checkbox').map((c) => c.parentElement!.textContent);
    expect(shown).toHaveLength(10);
    for (const name of shown) expect(name).toMatch(/[\u4e00-\u9fff]/);
    expect(screen.getByRole('checkbox', { name: '诱导血管生成' })).toHaveAttribute('value', 'inducing angiogenesis');
  });

  it('names legend types and relation types in Chinese, with data-type unchanged', () => {
    render(
      <EntityLegend
        types={['Chemical', 'Disease']}
        counts={new Map([['Chemical', 1]])}
        typeIndex={new Map([['Chemical', 0]])}
        hidden={[]}
        onToggle={() => undefined}
      />,
    );
    expect(screen.getAllByTestId('legend-type').map((b) => [b.dataset.type, b.textContent])).toEqual([
      ['Chemical', '化学物质1'],
      ['Disease', '疾病0'],
    ]);
    cleanup();
    const row = { key: 'r', head: 'cocaine', tail: 'infarction', type: 'chemical-induced disease', headSpans: [], tailSpans: [] };
    render(<RelationTable rows={[row as never]} activeKey={null} onActivate={() => undefined} />);
    expect(screen.getByTestId('relation-type')).toHaveTextContent('化学物质诱发疾病');
    expect(screen.getByTestId('relation-type')).toHaveAttribute('data-type', 'chemical-induced disease');
  });
});

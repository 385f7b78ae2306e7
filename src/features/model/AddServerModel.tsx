import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeBaseUrl } from '../../engine';
import type { PromptFormat } from '../../engine/types';
import { addServerModel, loadSelected } from '../../store/modelActions';
import { useModel } from '../../store/model';
import { giveConsent, hasConsent, SERVER_GRAMMAR_CHOICES, type ServerModelSpec } from '../../store/serverModels';
import { originBlockedByPage } from '../../engine/policy';
import { SelectField, TextField } from '../../components/Field';

type GrammarChoice = NonNullable<ServerModelSpec['serverGrammar']>;

/** The label key of each way a server takes grammars. */
const GRAMMAR_LABELS = {
  auto: 'server.grammarAuto',
  'llama-server': 'server.grammarLlamaServer',
  vllm: 'server.grammarVllm',
  'vllm-guided': 'server.grammarVllmGuided',
  none: 'server.grammarNone',
} as const satisfies Record<GrammarChoice, string>;

const parseBase = (text: string): string | null => {
  try {
    return text.trim() ? normalizeBaseUrl(text) : null;
  } catch {
    return null;
  }
};

/**
 * "Add a model" → "a server": a model served by vLLM, llama-server or MLC serve. Text then leaves the device, so the
 * form says which host receives it and asks for consent once per host; a host the page's security policy blocks is
 * refused with how to allow it.
 */
export function AddServerModel() {
  const { t } = useTranslation();
  const ids = useId();
  const [base, setBase] = useState('');
  const [model, setModel] = useState('');
  const [format, setFormat] = useState<PromptFormat>('taiyi');
  const [grammar, setGrammar] = useState<GrammarChoice>('auto');
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = useModel((s) => s.status === 'checking' || s.status === 'loading' || s.status === 'generating');

  const baseUrl = parseBase(base);
  const origin = baseUrl ? new URL(baseUrl).origin : null;
  const host = baseUrl ? new URL(baseUrl).host : null;
  const blocked = baseUrl ? originBlockedByPage(baseUrl) : null;
  const agreedBefore = origin ? hasConsent(origin) : false;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!baseUrl || !origin) return setProblem(t('server.badUrl'));
    if (!model.trim()) return setProblem(t('server.needModel'));
    if (blocked) return;
    if (!agreedBefore && !consent) return setProblem(t('server.needConsent', { host }));
    setProblem(null);
    giveConsent(origin);
    addServerModel({
      baseUrl,
      model: model.trim(),
      promptFormat: format,
      serverGrammar: grammar,
      apiKey: key.trim() || undefined,
      rememberKey: remember,
    });
    setKey('');
    setConsent(false);
    void loadSelected();
  };

  return (
    <form className="server-model" onSubmit={onSubmit} aria-labelledby={`${ids}-legend`}>
      <fieldset>
        <legend id={`${ids}-legend`}>{t('server.legend')}</legend>
        <p className="hint">{t('server.intro')}</p>
        <div className="row wrap">
          <TextField
            label={t('server.baseUrl')}
            data-testid="server-base-url"
            type="url"
            required
            placeholder="http://localhost:8000/v1"
            value={base}
            onChange={(e) => setBase(e.target.value)}
          />
          <TextField
            label={t('server.model')}
            data-testid="server-model-name"
            required
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
        </div>
        <div className="row wrap">
          <SelectField
            label={t('server.format')}
            data-testid="server-prompt-format"
            value={format}
            onChange={setFormat}
            options={[
              { value: 'taiyi', label: t('server.formatTaiyi') },
              { value: 'native', label: t('server.formatNative') },
            ]}
          />
          <TextField
            label={t('server.apiKey')}
            data-testid="server-api-key"
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
          <label className="checkbox">
            <input type="checkbox" data-testid="server-remember-key" checked={remember} onChange={(e) => setRemember(e.target.checked)} />{' '}
            {t('server.rememberKey')}
          </label>
        </div>
        <div className="row wrap">
          <SelectField
            label={t('server.grammar')}
            data-testid="server-grammar"
            value={grammar}
            onChange={setGrammar}
            aria-describedby={`${ids}-grammar-hint`}
            options={SERVER_GRAMMAR_CHOICES.map((value) => ({ value, label: t(GRAMMAR_LABELS[value]) }))}
          />
          <span className="hint" id={`${ids}-grammar-hint`}>
            {t('server.grammarHint')}
          </span>
        </div>
        {host && !blocked && (
          <p className="server-destination" data-testid="server-host" data-host={host}>
            {t('server.destination', { host })}
          </p>
        )}
        {blocked && (
          <p className="field-problem" role="alert" data-testid="server-csp-problem">
            {t('server.blockedByPolicy', { origin: blocked })}
          </p>
        )}
        {host && !blocked && !agreedBefore && (
          <label className="server-consent">
            <input type="checkbox" data-testid="server-consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{' '}
            {t('server.consent', { host })}
          </label>
        )}
        {host && !blocked && agreedBefore && <p className="hint">{t('server.agreedBefore', { host })}</p>}
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" data-testid="server-add" disabled={busy || !!blocked}>
          {t('server.add')}
        </button>
      </fieldset>
    </form>
  );
}

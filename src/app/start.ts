import { addCheckedModelUrl, initModels, loadSelected, selectModel } from '../store/modelActions';
import { useModel } from '../store/model';
import type { StartParams } from './urlParams';

let started: Promise<void> | null = null;

/**
 * Start-up: read the registry and probe the hardware, then honour `?model=` (a registry id, or an absolute URL;
 * `.gguf` URLs use the GGUF engine unless `&engine=` says otherwise). Kiosks and demos rely on the auto-load.
 * Runs once per page, however often it is called (development mode runs effects twice).
 */
export function startFromParams(params: StartParams): Promise<void> {
  started ??= start(params);
  return started;
}

async function start(params: StartParams): Promise<void> {
  await initModels();
  if (!params.model) return;
  const known = useModel.getState().entries.find((e) => e.id === params.model);
  if (known && (!params.engine || known.engine === params.engine)) {
    selectModel(known.id);
  } else if (!/^https?:\/\//i.test(params.model)) {
    // a relative "address" would resolve against the page and fail later with a misleading engine message
    useModel.setState({ status: 'error', error: { code: 'model-param', detail: params.model, params: { detail: params.model } } });
    return;
  } else {
    try {
      // the same checks as "Add a model": the page's policy, mixed content, a GGUF's header
      if (!(await addCheckedModelUrl(params.model, params.engine ?? undefined))) return;
    } catch (err) {
      useModel.setState({ status: 'error', error: { code: 'registry', detail: String(err) } });
      return;
    }
  }
  await loadSelected();
}

/**
 * The scores the Taiyi paper reports on its 13 test sets, for Taiyi and for GPT-3.5 (ChatGPT), in percent:
 * micro-F1 for NER, RE and classification, accuracy for QA.
 */
import type { DatasetName } from './types.ts';

export interface PaperScore {
  taiyi: number;
  gpt35: number;
}

/** Where the figures come from. */
export const PAPER_CITATION =
  'Luo L, Ning J, Zhao Y, et al. Taiyi: a bilingual fine-tuned large language model for diverse biomedical tasks. ' +
  'J Am Med Inform Assoc. 2024. doi:10.1093/jamia/ocae037 (arXiv:2311.11608), overall performance table.';

export const PAPER_CITATION_URL = 'https://doi.org/10.1093/jamia/ocae037';

export const PAPER_SCORES: Readonly<Record<DatasetName, PaperScore>> = {
  'bc5cdr-chem': { taiyi: 80.2, gpt35: 60.3 },
  'bc5cdr-disease': { taiyi: 69.1, gpt35: 51.8 },
  chemdner: { taiyi: 79.9, gpt35: 36.5 },
  'ncbi-disease': { taiyi: 73.1, gpt35: 50.5 },
  cmeee: { taiyi: 65.7, gpt35: 47.0 },
  'bc5cdr-cid': { taiyi: 37.5, gpt35: 14.2 },
  cmeie: { taiyi: 43.2, gpt35: 30.6 },
  litcovid: { taiyi: 84.0, gpt35: 63.9 },
  hoc: { taiyi: 80.0, gpt35: 51.2 },
  'kuake-qic': { taiyi: 77.4, gpt35: 48.5 },
  pubmedqa: { taiyi: 54.4, gpt35: 76.5 },
  'medqa-usmle': { taiyi: 37.1, gpt35: 51.3 },
  'medqa-mcmle': { taiyi: 64.8, gpt35: 58.2 },
};

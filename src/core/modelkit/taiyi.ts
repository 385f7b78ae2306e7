/**
 * Facts about Taiyi 1 that the model kit checks builds against and writes into registry entries.
 */

/** `<|endoftext|>`: Taiyi's only separator and its stop token. */
export const TAIYI_EOS_TOKEN_ID = 151643;

/** Taiyi was trained with sequences of 1024 tokens and MLC's qwen model has no long-context scaling. */
export const TAIYI_MAX_CONTEXT = 2048;

/**
 * WebLLM conversation template rendering Taiyi's wire format
 * `<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>`, identical on a fresh conversation and on
 * WebLLM's KV-cache reuse path (a template with `seps: ["<|endoftext|>"]` loses the separator after an answer there).
 */
export const TAIYI_CONV_TEMPLATE = {
  system_template: '',
  system_message: '',
  roles: { user: '', assistant: '', tool: '' },
  role_templates: {
    user: '<|endoftext|>{user_message}<|endoftext|>',
    assistant: '{assistant_message}',
  },
  seps: [''],
  role_content_sep: '',
  role_empty_sep: '',
  stop_str: ['<|endoftext|>'],
  stop_token_ids: [TAIYI_EOS_TOKEN_ID],
  add_role_after_system_message: true,
} as const;

/** Sampling of the authors' demo; extraction and scoring use greedy decoding instead. */
export const TAIYI_DEFAULTS = { temperature: 0.3, top_p: 0.9, max_tokens: 500 } as const;

/** Where the weights come from and on what terms, for registry entries and the model's about panel. */
export const TAIYI_SOURCE = 'DUTIR-BioNLP/Taiyi-LLM (https://huggingface.co/DUTIR-BioNLP/Taiyi-LLM), fine-tuned from Qwen-7B';
export const TAIYI_LICENSE =
  'Taiyi weights: academic research only, commercial use prohibited (DUTIR-BioNLP). ' +
  'Base model Qwen-7B: Tongyi Qianwen License Agreement.';

/** The paper, as its authors ask it to be cited. */
export const TAIYI_CITATION = {
  text:
    'Luo L, Ning J, Zhao Y, Wang Z, Ding Z, Chen P, Fu W, Han Q, Xu G, Qiu Y, Pan D, Li J, Li H, Feng W, Tu S, ' +
    'Liu Y, Yang Z, Wang J, Sun Y, Lin H. Taiyi: a bilingual fine-tuned large language model for diverse ' +
    'biomedical tasks. J Am Med Inform Assoc. 2024;31(9):1865-1874. doi:10.1093/jamia/ocae037',
  doi: '10.1093/jamia/ocae037',
  arxiv: '2311.11608',
  bibtex: `@article{luo2024taiyi,
  title   = {Taiyi: A Bilingual Fine-Tuned Large Language Model for Diverse Biomedical Tasks},
  author  = {Luo, Ling and Ning, Jinzhong and Zhao, Yingwen and Wang, Zhijun and Ding, Zeyuan and Chen, Peng and Fu, Weiru and Han, Qinyu and Xu, Guangtao and Qiu, Yunzhi and Pan, Dinghao and Li, Jiru and Li, Hao and Feng, Wenduo and Tu, Senbo and Liu, Yuqi and Yang, Zhihao and Wang, Jian and Sun, Yuanyuan and Lin, Hongfei},
  journal = {Journal of the American Medical Informatics Association},
  volume  = {31},
  number  = {9},
  pages   = {1865--1874},
  year    = {2024},
  doi     = {10.1093/jamia/ocae037},
  eprint  = {2311.11608},
  archivePrefix = {arXiv}
}`,
} as const;

import type { Example } from '../../components/ExamplePicker';
import type { LabelPresetId } from '../../core/tasks/presets';

export interface ClassifyExample extends Example {
  text: string;
  preset: LabelPresetId | '';
  freeLabels?: string;
}

/** Curated inputs: Taiyi's README examples and records of LitCovid, HoC and KUAKE-QIC. */
export const CLASSIFY_EXAMPLES: readonly ClassifyExample[] = [
  {
    id: 'clsLitcovid',
    preset: 'litcovid',
    text: 'Inflammation in COVID-19: from pathogenesis to treatment. The coronavirus disease 2019 (COVID-19) was declared a pandemic in March 2020 by the World Health Organization (WHO). To date, there were > 163 million confirmed cases of COVID-19 and the disease has claimed > 3.3 million lives globally. As with many other diseases, inflammation is a key feature of COVID-19. When inflammation is overwhelming, it may lead to unfavorable outcomes or even death. Scientists all over the world are working tirelessly in search of therapeutic strategies to suppress or modulate inflammation in COVID-19. This review gives an overview of the role of inflammation in COVID-19. It also critically examines the various treatment approaches that target the immune system and inflammation in COVID-19, as well as highlights the key findings in the numerous studies conducted thus far.',
  },
  {
    id: 'clsHoc',
    preset: 'hoc',
    text: 'When cells were treated with manganese for 24h , ROS dose-dependently increased while antioxidant intracellular GSH decreased .',
  },
  { id: 'clsKuake', preset: 'kuake-qic', text: '治皮肤病费用大概多少？' },
  {
    id: 'clsTriage',
    preset: '',
    freeLabels: 'patient, doctor',
    text: 'Will my mask from sherwin williams paint store with filters protect me from corona virus along with paint fumes?',
  },
];

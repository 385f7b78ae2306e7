import type { Example } from '../../components/ExamplePicker';
import type { QaFormat } from '../../core/tasks/qa';

export interface QaExample extends Example {
  format: QaFormat;
  question: string;
  context?: string;
  choices?: Record<string, string>;
}

/** Curated questions: free questions, MedQA (USMLE and Chinese MCMLE) items and a PubMedQA item. */
export const QA_EXAMPLES: readonly QaExample[] = [
  {
    id: 'qaFreeEn',
    format: 'free',
    question: 'What are the first-line drug treatments for uncomplicated hypertension in adults, and how do they work?',
  },
  { id: 'qaFreeZh', format: 'free', question: '糖尿病患者的日常饮食需要注意什么？' },
  {
    id: 'qaChoiceEn',
    format: 'choice',
    question:
      'A 35-year-old man comes to the physician because of itchy, watery eyes for the past week. He has also been sneezing multiple times a day during this period. He had a similar episode 1 year ago around springtime. He has iron deficiency anemia and ankylosing spondylitis. Current medications include ferrous sulfate, artificial tear drops, and indomethacin. He works as an elementary school teacher. His vital signs are within normal limits. Visual acuity is 20/20 without correction. Physical examination shows bilateral conjunctival injection with watery discharge. The pupils are 3 mm, equal, and reactive to light. Examination of the anterior chamber of the eye is unremarkable. Which of the following is the most appropriate treatment?',
    choices: {
      A: 'Erythromycin ointment',
      B: 'Ketotifen eye drops',
      C: 'Warm compresses',
      D: 'Fluorometholone eye drops',
      E: 'Latanoprost eye drops',
    },
  },
  {
    id: 'qaChoiceZh',
    format: 'choice',
    question: '经调查证实出现医院感染流行时，医院应报告当地卫生行政部门的时间是（　　）。',
    choices: { A: '2小时', B: '4小时内', C: '8小时内', D: '12小时内', E: '24小时内' },
  },
  {
    id: 'qaYesNo',
    format: 'yesno',
    question: 'Is anorectal endosonography valuable in dyschesia?',
    context:
      'Dyschesia can be provoked by inappropriate defecation movements. The aim of this prospective study was to demonstrate dysfunction of the anal sphincter and/or the musculus (m.) puborectalis in patients with dyschesia using anorectal endosonography. Twenty consecutive patients with a medical history of dyschesia and a control group of 20 healthy subjects underwent linear anorectal endosonography (Toshiba models IUV 5060 and PVL-625 RT). In both groups, the dimensions of the anal sphincter and the m. puborectalis were measured at rest, and during voluntary squeezing and straining. Statistical analysis was performed within and between the two groups. The anal sphincter became paradoxically shorter and/or thicker during straining (versus the resting state) in 85% of patients but in only 35% of control subjects. Changes in sphincter length were statistically significantly different (p<0.01, chi(2) test) in patients compared with control subjects. The m. puborectalis became paradoxically shorter and/or thicker during straining in 80% of patients but in only 30% of controls. Both the changes in length and thickness of the m. puborectalis were significantly different (p<0.01, chi(2) test) in patients versus control subjects.',
  },
];

import type { Example } from '../../components/ExamplePicker';
export interface ChatExample extends Example {
  mode: 'chat' | 'report';
  text: string;
}

/** A question to start a conversation in each language, and Taiyi's README consultation (IMCS-V2-MRG). */
export const CHAT_EXAMPLES: readonly ChatExample[] = [
  {
    id: 'chatEn',
    mode: 'chat',
    text: 'I have had a dry cough for two weeks and mild fever in the evenings. What could be the cause, and when should I see a doctor?',
  },
  { id: 'chatZh', mode: 'chat', text: '最近总是失眠，晚上很难入睡，有什么改善的方法吗？' },
  {
    id: 'chatReport',
    mode: 'report',
    text: '患者：小孩受凉了，流清鼻涕，咳嗽，应该是风寒咳嗽，去药店买哪种药好呢\n医生：你好，宝宝咳嗽，流涕比较常见，西医角度上呼吸道感染可能性大，中医上叫做风寒咳嗽，请问宝宝除了咳嗽有没有其他不适症状呢？例如发热等，请详细描述一下，我好帮你诊治分析病情\n患者：精神状态好，也没有发热，就是喉咙有一点痛，咳嗽\n医生：先帮你分析一下病情，宝宝受凉之后免疫力降低，就会被细菌或病毒侵袭体内，气道分泌物增多，支气管平滑肌痉挛，咳嗽，咳痰，咽通。\n医生：目前没有发热，宝宝病情不重，不用过分紧张的。\n医生：我帮推荐治疗方法\n医生：宝宝目前多大了？有没有再医院看过？做过化验检查\n患者：嗯\n患者：7岁，没去医院，做过很多检查，平常就是爱咳嗽，喉哝发炎\n患者：医生说，扁桃体偏大\n医生：近期这次有没有去医院看过？做过检查\n医生：如果宝宝没有其他不适？可以口服氨溴索，桔贝合剂效果好\n医生：另外如果条件允许，可以做做雾化吸入治疗直接作用与支气管粘膜，效果更直接\n患者：不用做雾化吧，吃点药就行了\n医生：也可以先吃药\n患者：近期没有去过\n医生：你们这次没有去医院看过？\n患者：要吃消炎的吗\n患者：没\n患者：要吃消炎药吗\n医生：你好，可以先不吃的\n患者：那家里有蒲地蓝，可以吃吗\n患者：口服液\n患者：喉哝痛要吃吗\n医生：先治疗看看，可以吃的，假如宝宝出现发热或咳嗽加重，医院就诊，复查血常规和胸片，那个时候再考虑加抗生素\n患者：另外买个止咳的，行吗\n医生：我们的观点是宝宝小，尽量少吃消炎药，可以先吃那几个药三天看看效果\n患者：嗯谢谢',
  },
];

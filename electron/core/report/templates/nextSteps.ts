import type { SectionTemplate } from './placeholder';

/** A marked paragraph the office writes itself: the workstation never invents plans. */
export const NEXT_STEPS_MARK = '【待填写】';

export const nextStepsTemplate: SectionTemplate = {
  section: 'nextSteps',
  text: `${NEXT_STEPS_MARK}此处由统计部门根据本县实际撰写下一步工作打算，本系统不生成此段内容。`,
  placeholders: [],
};

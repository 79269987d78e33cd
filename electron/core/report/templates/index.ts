import type { TemplateSection } from '../../../../shared/api/report';
import { basicTemplate } from './basic';
import { exitsTemplate } from './exits';
import { incomeTemplate } from './income';
import { nextStepsTemplate } from './nextSteps';
import { openingTemplate } from './opening';
import type { SectionTemplate } from './placeholder';
import { problemsTemplate } from './problems';
import { returnsTemplate } from './returns';

/** The default wording of every section, one file each; the database keeps the user's edits. */
export const DEFAULT_TEMPLATES: Readonly<Record<TemplateSection, SectionTemplate>> = {
  opening: openingTemplate,
  basic: basicTemplate,
  income: incomeTemplate,
  exits: exitsTemplate,
  returns: returnsTemplate,
  problems: problemsTemplate,
  nextSteps: nextStepsTemplate,
};

import type { Db } from '../db/database';
import { deleteReportTemplate, selectReportTemplates, upsertReportTemplate } from '../db/queries/reportQueries';
import {
  TEMPLATE_SECTIONS, TEMPLATE_SECTION_LABELS, type ReportTemplate, type TemplateProblem, type TemplateSection,
} from '../../../shared/api/report';
import { unknownPlaceholders } from './fillTemplate';
import { DEFAULT_TEMPLATES } from './templates';

/** The wording in use for every section: the user's saved text, else the default. */
export function templateTexts(db: Db): Record<TemplateSection, string> {
  const stored = new Map(selectReportTemplates(db).map((t) => [t.section, t.text]));
  return Object.fromEntries(
    TEMPLATE_SECTIONS.map((s) => [s, stored.get(s) ?? DEFAULT_TEMPLATES[s].text]),
  ) as Record<TemplateSection, string>;
}

function describe(section: TemplateSection, text: string): ReportTemplate {
  const def = DEFAULT_TEMPLATES[section];
  return {
    section, label: TEMPLATE_SECTION_LABELS[section], text, defaultText: def.text, edited: text !== def.text,
    placeholders: def.placeholders.map((p) => ({ name: p.name, description: p.description })),
  };
}

export function listTemplates(db: Db): ReportTemplate[] {
  const texts = templateTexts(db);
  return TEMPLATE_SECTIONS.map((s) => describe(s, texts[s]));
}

/** Saves a section's wording unless it names a placeholder the section does not know. */
export function saveTemplate(
  db: Db, section: TemplateSection, text: string,
): { template: ReportTemplate } | { problems: TemplateProblem[] } {
  const normalised = text.replace(/\r\n?/g, '\n');
  const problems = unknownPlaceholders(section, normalised, DEFAULT_TEMPLATES[section]);
  if (problems.length > 0) return { problems };
  upsertReportTemplate(db, section, normalised, new Date().toISOString());
  return { template: describe(section, normalised) };
}

export function resetTemplate(db: Db, section: TemplateSection): ReportTemplate {
  deleteReportTemplate(db, section);
  return describe(section, DEFAULT_TEMPLATES[section].text);
}

import { TEMPLATE_SECTION_LABELS, type TemplateProblem, type TemplateSection } from '../../../shared/api/report';
import type { ReportFigures } from './figures';
import type { ReportFormatter } from './reportFormat';
import type { SectionTemplate } from './templates/placeholder';

const PLACEHOLDER = /\{([^{}\s]{1,40})\}/g;

/** The placeholders a text names, each with its line and column (1-based). */
export function placeholdersIn(text: string): { name: string; line: number; column: number }[] {
  const out: { name: string; line: number; column: number }[] = [];
  text.split('\n').forEach((lineText, i) => {
    for (const m of lineText.matchAll(PLACEHOLDER)) out.push({ name: m[1] ?? '', line: i + 1, column: (m.index ?? 0) + 1 });
  });
  return out;
}

/** Placeholders the section does not know: what saving a template checks. */
export function unknownPlaceholders(section: TemplateSection, text: string, known: SectionTemplate): TemplateProblem[] {
  const names = new Set(known.placeholders.map((p) => p.name));
  return placeholdersIn(text).filter((p) => !names.has(p.name)).map((p) => ({
    section, line: p.line, column: p.column, placeholder: p.name,
    message: `${TEMPLATE_SECTION_LABELS[section]}模板第 ${p.line} 行第 ${p.column} 列：未知的占位符 {${p.name}}（可用：${[...names].join('、') || '无'}）`,
  }));
}

/**
 * Fills a section's text: every line a paragraph. An unknown placeholder, or one whose figure has no
 * value for this scope, is a problem located by line and column — never a blank in the report.
 */
export function fillTemplate(
  section: TemplateSection,
  text: string,
  known: SectionTemplate,
  figures: ReportFigures,
  fmt: ReportFormatter,
): { paragraphs: string[]; problems: TemplateProblem[] } {
  const problems = unknownPlaceholders(section, text, known);
  const byName = new Map(known.placeholders.map((p) => [p.name, p]));
  const cache = new Map<string, string | null>();
  const valueOf = (name: string): string | null => {
    if (!cache.has(name)) cache.set(name, byName.get(name)?.value(figures, fmt) ?? null);
    return cache.get(name) ?? null;
  };
  const paragraphs: string[] = [];
  text.split('\n').forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    const filled = lineText.replace(PLACEHOLDER, (whole, name: string, offset: number) => {
      if (!byName.has(name)) return whole;
      const v = valueOf(name);
      if (v === null) {
        problems.push({
          section, line: i + 1, column: offset + 1, placeholder: name,
          message: `${TEMPLATE_SECTION_LABELS[section]}模板第 ${i + 1} 行第 ${offset + 1} 列：占位符 {${name}}（${byName.get(name)?.description ?? ''}）在所选快照和年度下没有数值，请调整年度范围或从模板中删去该句`,
        });
        return whole;
      }
      return v;
    });
    if (filled.trim() !== '') paragraphs.push(filled.trim());
  });
  return { paragraphs, problems };
}

import type { TemplateSection } from '../../../../shared/api/report';
import type { ReportFigures } from '../figures';
import type { ReportFormatter } from '../reportFormat';

/** A named placeholder of a section's wording and where its value comes from (null: no value). */
export interface Placeholder {
  readonly name: string;
  readonly description: string;
  value(f: ReportFigures, fmt: ReportFormatter): string | null;
}

/** One section's default wording and the placeholders it may use. */
export interface SectionTemplate {
  readonly section: TemplateSection;
  readonly text: string;
  readonly placeholders: readonly Placeholder[];
}

/** 2023-12-31 → 2023年12月31日. */
export function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** A list in running text: 甲、乙和丙. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1] ?? ''}`;
}

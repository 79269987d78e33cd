import type { ReportMode, ReportSection } from '../../../shared/api/report';

/**
 * The report as a value: what every renderer (DOCX, XLSX, HTML → PDF) reads. Figures arrive here
 * already chosen and formatted from the metrics; a renderer only lays them out.
 */

/** How a table column's numbers are written: XLSX gets the raw number and a number format. */
export type ColumnKind = 'text' | 'integer' | 'yuan' | 'percent';

export interface TableColumn {
  readonly label: string;
  readonly kind: ColumnKind;
}

/** A table cell: the raw value (for XLSX) and the text every format prints. */
export interface TableCell {
  readonly value: string | number | null;
  readonly text: string;
  /** True when the small-cell rule hid the value ("<3"). */
  readonly suppressed: boolean;
}

export interface ReportTable {
  readonly kind: 'table';
  /** Short name, also the XLSX sheet name (≤ 31 characters). */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
  /** The table's 口径 in a few lines (XLSX puts them on top of the sheet). */
  readonly koujing: readonly string[];
}

/** A chart: categories on one axis, one or more series; `labels` are what the chart prints. */
export interface ChartSeries {
  readonly name: string;
  readonly type: 'bar' | 'line';
  /** null: no bar drawn (an empty year, or a value hidden by the small-cell rule). */
  readonly values: readonly (number | null)[];
  readonly labels: readonly string[];
  readonly stack?: string;
  /** The line series of a bar chart goes on the right axis (a growth rate beside amounts). */
  readonly rightAxis?: boolean;
}

export interface ReportChart {
  readonly kind: 'chart';
  readonly id: string;
  /** 图1 … */
  readonly caption: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly horizontal: boolean;
  readonly yAxisName: string;
  readonly rightAxisName?: string;
  /** Stacked shares (0..1) shown as percentages. */
  readonly percentAxis?: boolean;
}

export interface ReportParagraph {
  readonly kind: 'paragraph';
  readonly text: string;
  /** body: 仿宋 with a two-character indent; placeholder: the marked paragraph the office writes. */
  readonly style: 'body' | 'placeholder' | 'note';
}

export interface ReportHeading {
  readonly kind: 'heading';
  readonly level: 1 | 2;
  readonly text: string;
}

export interface KoujingBlock {
  readonly kind: 'koujing';
  readonly items: readonly { label: string; text: string }[];
}

export type ReportBlock = ReportParagraph | ReportHeading | ReportTable | ReportChart | KoujingBlock;

export interface ReportModelSection {
  readonly key: ReportSection;
  readonly blocks: readonly ReportBlock[];
}

export interface ReportModel {
  readonly title: string;
  readonly addressee: string;
  readonly opening: readonly string[];
  readonly sections: readonly ReportModelSection[];
  readonly mode: ReportMode;
  readonly snapshot: { readonly id: number; readonly county: string; readonly asOf: string };
  readonly years: { readonly from: number | null; readonly to: number | null };
  /** Every table, in order (XLSX writes one sheet each, the appendix lists them). */
  readonly tables: readonly ReportTable[];
  readonly generatedAt: string;
}

import type { PlainValues } from '../columns/sheetColumn';

/**
 * The rows of one county snapshot after parsing and validation, as the import and the demo
 * generator hand them to the writer. Code-list values are canonical labels (or the export's own
 * text when outside the list); ID numbers are raw here and are hashed and masked by the writer,
 * which is the only place that sees them.
 */
export interface SnapshotMeta {
  readonly countyCode: string | null;
  readonly countyName: string;
  /** YYYY-MM-DD */
  readonly asOf: string;
  readonly sourceName: string;
  readonly sourceSha256: string;
  readonly keepNames: boolean;
  readonly eventsDerived: boolean;
  readonly lineSet?: string;
}

export interface HouseholdRow {
  readonly code: string;
  readonly county: string;
  readonly township: string;
  readonly village: string;
  readonly areaCode: string | null;
  readonly poorVillage: boolean | null;
  readonly headName: string | null;
  readonly headIdNumber: string | null;
  readonly size: number;
  readonly type: string;
  readonly attribute: string | null;
  readonly standard: string | null;
  readonly mainCause: string | null;
  readonly otherCauses: readonly string[];
  readonly identifiedYear: number | null;
  readonly status: string | null;
  readonly exitYear: number | null;
  readonly returnYear: number | null;
  readonly returnCause: string | null;
  readonly relocated: boolean | null;
  readonly housing: string | null;
  readonly safeWater: boolean | null;
  readonly monitoringCategory: string | null;
  /** YYYY-MM-DD or YYYY-MM */
  readonly monitoringDate: string | null;
  readonly risks: readonly string[];
  readonly riskEliminated: boolean | null;
  readonly eliminationMethod: string | null;
  readonly eliminationDate: string | null;
  /** The sheet's plain columns (columns/sheetColumn.ts), by field; absent when the sheet has none. */
  readonly plainValues?: PlainValues;
  readonly sourceRow: number | null;
}

export interface PersonRow {
  readonly householdCode: string;
  readonly name: string | null;
  readonly idNumber: string;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly relation: string | null;
  readonly ethnicity: string | null;
  readonly education: string | null;
  readonly schooling: string | null;
  readonly health: string | null;
  readonly labour: string | null;
  readonly workStatus: string | null;
  readonly workMonths: number | null;
  readonly medicalInsurance: boolean | null;
  readonly seriousIllnessInsurance: boolean | null;
  readonly pensionInsurance: boolean | null;
  readonly dibao: boolean | null;
  readonly tekun: boolean | null;
  /** The sheet's plain columns (columns/sheetColumn.ts), by field; absent when the sheet has none. */
  readonly plainValues?: PlainValues;
  readonly sourceRow: number | null;
}

/** Amounts in 元; null = blank in the export (missing, counts as 0). */
export interface IncomeRow {
  readonly householdCode: string;
  readonly year: number;
  readonly size: number;
  readonly wage: number | null;
  readonly business: number | null;
  readonly businessCost: number | null;
  readonly property: number | null;
  /** When null the writer stores the sum of its items. */
  readonly transfer: number | null;
  readonly familyPlanning: number | null;
  readonly dibao: number | null;
  readonly tekun: number | null;
  readonly pension: number | null;
  readonly eco: number | null;
  readonly otherTransfer: number | null;
  readonly sourceRow: number | null;
}

/** A 户信息 row as stored: the head's ID number digested (idDigest.ts). */
export interface StoredHouseholdRow extends Omit<HouseholdRow, 'headIdNumber'> {
  readonly headIdHash: Buffer | null;
  readonly headIdMasked: string | null;
}

/**
 * A 家庭成员 row as stored: the ID number digested; sex and birth date as the row gives them, else
 * as read from the ID number.
 */
export interface StoredPersonRow extends Omit<PersonRow, 'idNumber'> {
  readonly idHash: Buffer;
  readonly idMasked: string;
  readonly idKind: string;
  readonly idValid: boolean | null;
}

export interface MeasureRow {
  readonly householdCode: string;
  readonly year: number | null;
  readonly name: string;
  readonly measureClass: string | null;
  readonly content: string | null;
  readonly amount: number | null;
  /** The sheet's plain columns (columns/sheetColumn.ts), by field; absent when the sheet has none. */
  readonly plainValues?: PlainValues;
  readonly sourceRow: number | null;
}

export interface EventRow {
  readonly householdCode: string;
  readonly year: number;
  readonly type: string;
  readonly reason: string | null;
  readonly date: string | null;
  readonly derived: boolean;
  /** The sheet's plain columns (columns/sheetColumn.ts), by field; absent when the sheet has none. */
  readonly plainValues?: PlainValues;
  readonly sourceRow: number | null;
}

export interface VillageRow {
  readonly areaCode: string | null;
  readonly township: string;
  readonly village: string;
  readonly poorVillage: boolean | null;
  readonly delistedYear: number | null;
  readonly year: number | null;
  readonly collectiveIncome: number | null;
}

export interface StoredIssue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly expected: string | null;
}

/** 转移性收入 as the export gave it, else the sum of its items (import-format.md). */
export function transferOf(row: IncomeRow): number {
  if (row.transfer !== null) return row.transfer;
  return (row.familyPlanning ?? 0) + (row.dibao ?? 0) + (row.tekun ?? 0) + (row.pension ?? 0) + (row.eco ?? 0) +
    (row.otherTransfer ?? 0);
}

/** 纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出 (domain.md). */
export function netIncomeOf(row: IncomeRow): number {
  return (row.wage ?? 0) + (row.business ?? 0) + (row.property ?? 0) + transferOf(row) - (row.businessCost ?? 0);
}

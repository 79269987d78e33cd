import type { Component } from '../../../../shared/semantic/types';

/**
 * The columns of the pivot fact tables (migration 003). The compiler writes no identifier that is
 * not in these lists or in the catalogue, and a test checks that the two agree with the schema.
 */
export const HOUSEHOLD_DIM_COLUMNS = [
  'county', 'township', 'village', 'poor_village', 'household_type', 'attribute', 'main_cause', 'status',
  'identified_year', 'exit_year', 'return_year', 'return_cause', 'exit_income', 'exit_structural', 'relocated',
  'mon_category', 'main_risk', 'risk_eliminated',
] as const;
export type HouseholdDimColumn = (typeof HOUSEHOLD_DIM_COLUMNS)[number];

export const PERSON_DIM_COLUMNS = ['sex', 'age_group', 'health', 'labour', 'work_status'] as const;
export type PersonDimColumn = (typeof PERSON_DIM_COLUMNS)[number];

/** The additive sums and the column that holds each (in leaf tables and cubes alike). */
export const COMPONENT_COLUMNS: Readonly<Record<Component, string>> = {
  n: 'n',
  size: 'size',
  net: 'net',
  wage: 'wage',
  netBusiness: 'net_business',
  property: 'property',
  transfer: 'transfer',
  support: 'support',
  members: 'members',
};

/** The fact tables by grain; the income table also has `year` and `per_capita`. */
export const FACT_TABLES = { household: 'pivot_household', income: 'pivot_income', person: 'pivot_person' } as const;

/** Components each grain's leaf table can sum. */
export const COMPONENTS_OF_GRAIN = {
  household: ['n', 'size'],
  income: ['n', 'size', 'net', 'wage', 'netBusiness', 'property', 'transfer', 'support'],
  person: ['members'],
} as const satisfies Record<keyof typeof FACT_TABLES, readonly Component[]>;

import type { Db } from '../../../../electron/core/db/database';

/** Every stored value of a snapshot except row ids and source rows, in a stable order. */
export function snapshotContents(db: Db, id: number): Record<string, unknown[]> {
  const q = (sql: string) => db.prepare(sql).all(id);
  return {
    households: q(`SELECT code, county, township, village, area_code, poor_village, head_name, hex(head_id_hash) AS head_hash, head_id_masked, size,
      type, attribute, standard, main_cause, other_causes, identified_year, status, exit_year, return_year, return_cause, relocated, housing,
      safe_water, mon_category, mon_date, risk1, risk2, risk3, risk4, risk5, risk_eliminated, elim_method, elim_date
      FROM household WHERE snapshot_id = ? ORDER BY code`),
    persons: q(`SELECT h.code, p.name, hex(p.id_hash) AS hash, p.id_masked, p.id_kind, p.id_valid, p.sex, p.birth_date, p.relation, p.ethnicity,
      p.education, p.schooling, p.health, p.labour, p.work_status, p.work_months, p.ins_medical, p.ins_serious, p.ins_pension, p.dibao, p.tekun
      FROM person p JOIN household h ON h.id = p.household_id WHERE p.snapshot_id = ? ORDER BY h.code, p.id_masked, hash`),
    income: q(`SELECT h.code, i.year, i.size, i.wage, i.business, i.business_cost, i.property, i.transfer, i.family_planning, i.dibao, i.tekun,
      i.pension, i.eco, i.other_transfer, i.net, i.per_capita FROM income i JOIN household h ON h.id = i.household_id
      WHERE i.snapshot_id = ? ORDER BY h.code, i.year`),
    measures: q(`SELECT h.code, m.year, m.name, m.class, m.content, m.amount FROM measure m JOIN household h ON h.id = m.household_id
      WHERE m.snapshot_id = ? ORDER BY h.code, m.year, m.name, m.content, m.amount`),
    events: q(`SELECT h.code, e.year, e.type, e.reason, e.date FROM event e JOIN household h ON h.id = e.household_id
      WHERE e.snapshot_id = ? ORDER BY h.code, e.year, e.type, e.date`),
    areas: q(`SELECT level, code, township, name, poor_village, delisted_year FROM area WHERE snapshot_id = ? ORDER BY level, township, name`),
    villageYears: q(`SELECT a.township, a.name, v.year, v.collective_income FROM village_year v JOIN area a ON a.id = v.area_id
      WHERE v.snapshot_id = ? ORDER BY a.township, a.name, v.year`),
  };
}

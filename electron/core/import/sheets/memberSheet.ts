import { EDUCATION, HEALTH, LABOUR, RELATION, SCHOOLING, SEX, WORK_STATUS } from '../../../../shared/domain/codeLists';
import { idNumberFacts } from '../../identity/idNumber';
import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import { MEMBER_PLAIN, type MemberColumn } from '../../columns/memberColumns';
import { readPlainValues } from '../plainValues';
import { detachString } from '../values/detachString';
import { HouseholdCodes } from './householdCodes';
import type { SheetHandler } from './sheetHandler';

/** 家庭成员: one person per row; the 证件号码 is checked here and hashed by the writer. */
export class MemberSheet implements SheetHandler {
  private readonly codes: HouseholdCodes;

  constructor(private readonly r: RowReader<MemberColumn>, private readonly parsed: ParsedSnapshot) {
    this.codes = new HouseholdCodes(parsed.index);
  }

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const code = r.key('code', true);
    const idNumber = r.key('idNumber', true);
    const sex = r.code('sex', SEX);
    if (idNumber !== null) this.checkId(idNumber, sex);
    if (code === null || idNumber === null) return;
    this.parsed.persons.push({
      householdCode: this.codes.intern(code),
      name: r.text('name'),
      idNumber: detachString(idNumber),
      sex,
      birthDate: r.date('birthDate'),
      relation: r.code('relation', RELATION),
      ethnicity: this.parsed.pooled(r.text('ethnicity')),
      education: r.code('education', EDUCATION),
      schooling: r.code('schooling', SCHOOLING),
      health: r.code('health', HEALTH),
      labour: r.code('labour', LABOUR),
      workStatus: r.code('workStatus', WORK_STATUS),
      workMonths: r.count('workMonths', 0, 12, 'warning', false),
      medicalInsurance: r.yesNo('insMedical'),
      seriousIllnessInsurance: r.yesNo('insSerious'),
      pensionInsurance: r.yesNo('insPension'),
      dibao: r.yesNo('dibao'),
      tekun: r.yesNo('tekun'),
      plainValues: readPlainValues(r, MEMBER_PLAIN),
      sourceRow: raw.number,
    });
  }

  end(): void {}

  private checkId(idNumber: string, sex: string | null): void {
    const r = this.r;
    const id = idNumberFacts(idNumber);
    if (id.kind === 'other') {
      r.warning('idNumber', 'id.format', `家庭成员第 ${r.rowNumber} 行：证件号码不是 18 位或 15 位身份证号（也不是 20/22 位残疾人证号）。`,
        '18 位身份证号');
    } else if (id.valid === false) {
      r.warning('idNumber', 'id.checksum', `家庭成员第 ${r.rowNumber} 行：证件号码的校验位或出生日期不对，可能录入有误。`, '校验正确的身份证号');
    }
    if (sex !== null && id.sex !== null && sex !== id.sex) {
      r.warning('sex', 'member.sexMismatch', `家庭成员第 ${r.rowNumber} 行：性别“${sex}”与证件号码（${id.sex}）不一致。`, id.sex);
    }
  }
}

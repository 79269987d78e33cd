/**
 * A copy of `s` that does not keep its source alive. V8 makes a substring of 13 or more
 * characters a view into its parent: an ID number cut from a 1 MB chunk of sheet XML or CSV text
 * would keep the whole chunk in memory for as long as the row is held, which for a large county
 * is the whole file (measured: 3.2 GB for the 300,000-household workbook). Concatenating makes V8
 * copy the characters into a small string of their own.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

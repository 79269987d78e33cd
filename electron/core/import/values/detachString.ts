/**
 * A copy of `s` that does not keep its source alive. V8 makes a substring of 13 or more
 * characters a view into its parent: an ID number cut from a 1 MB chunk of sheet XML or CSV text
 * would keep the whole chunk in memory for as long as the row is held, which for a large county
 * is the whole file (measured: 3.2 GB for the 300,000-household workbook). A JSON round trip
 * gives a flat string of its own (exact for any text); the older `(' ' + s).slice(1)` left a view
 * into a fresh parent, 32 bytes more for each of a million ID numbers.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

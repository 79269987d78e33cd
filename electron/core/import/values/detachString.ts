/** Reused for the copies: one array for the whole import rather than one per string. */
const units: number[] = [];

/**
 * A copy of `s` that does not keep its source alive. V8 makes a substring of 13 or more
 * characters a view into its parent: an ID number cut from a 1 MB chunk of sheet XML or CSV text
 * would keep the whole chunk in memory for as long as the row is held, which for a large county
 * is the whole file (measured: 3.2 GB for the 300,000-household workbook). A string built from
 * its code units is flat and owns its characters (one byte each when they fit, as for ID
 * numbers), and for the short keys of an export it is twice as fast as the JSON round trip that
 * longer text still takes (both are exact for any text, lone surrogates included); the older
 * `(' ' + s).slice(1)` left a view into a fresh parent, 32 bytes more for each of a million IDs.
 */
export function detachString(s: string): string {
  const n = s.length;
  if (n < 13) return s;
  if (n > 64) return JSON.parse(JSON.stringify(s)) as string;
  units.length = n;
  for (let i = 0; i < n; i++) units[i] = s.charCodeAt(i);
  return String.fromCharCode.apply(null, units);
}

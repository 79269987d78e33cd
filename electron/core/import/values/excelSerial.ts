/**
 * Excel stores dates as day serials. In the 1900 system serial 60 is the fictitious 1900-02-29,
 * so serials from 61 on count from 1899-12-30; in the 1904 system (old Mac workbooks) from 1904-01-01.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const day = Math.floor(serial + 1e-9);
  const base = date1904 ? Date.UTC(1904, 0, 1) : day < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + day * 86_400_000).toISOString().slice(0, 10);
}

/** Serials of plausible export dates (1954..2119): outside this a number is not taken as a date. */
export function isPlausibleSerial(n: number): boolean {
  return n >= 20_000 && n < 80_000;
}

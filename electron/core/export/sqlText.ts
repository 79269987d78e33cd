/** A text as an SQL string literal (quotes doubled): the 口径's labels written into koujing.sql. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function sqlList(texts: readonly string[]): string {
  return texts.map(sqlString).join(', ');
}

/**
 * A text cell that begins with = + - @ (or a tab / carriage return) is read as a formula by Excel
 * and WPS: an exported village name like "=HYPERLINK(…)" would run. Such text gets a leading
 * apostrophe, the spreadsheet convention for "this is text".
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

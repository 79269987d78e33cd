/**
 * Folds the cosmetic noise of exports out of a value: full-width letters and digits to
 * half-width (NFKC), and surrounding spaces. Only the slow path pays for normalisation.
 */
export function foldValue(text: string): string {
  const plain = /^[\x20-\x7e]*$/.test(text);
  const folded = plain ? text : text.normalize('NFKC').replace(/\u3000/g, ' ');
  return folded.trim();
}

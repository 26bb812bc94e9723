/**
 * Numbers in exports are rounded to 6 decimals (a millionth of a dollar; a ten-thousandth of a
 * percent for fractions): binary float noise goes (0.30000000000000004 → 0.3), and the CSV, the JSON
 * and the Markdown report show the same number. Unknown stays null.
 */
export function roundForExport(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function roundForExportOrNull(value: number | null): number | null {
  return value === null ? null : roundForExport(value);
}

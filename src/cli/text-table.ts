/** Lays out rows as left-aligned columns separated by two spaces (the last column is not padded). */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A person as the CLI names them (issue 17): `Name <email>`, or the bare email when the roster has no name. */
export function personText(name: string, email: string): string {
  return name === email ? email : `${name} <${email}>`;
}

/** A titled table that renders to aligned terminal text or GitHub Markdown. */

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

export interface Table {
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
  /** One or more sentences printed under the table. */
  readonly note?: string;
}

function cell(row: readonly string[], index: number): string {
  return row[index] ?? '';
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

export function renderTerminal(table: Table): string {
  const widths = table.columns.map((column, index) =>
    Math.max(column.header.length, ...table.rows.map((row) => cell(row, index).length)),
  );
  const line = (values: readonly string[]): string =>
    table.columns
      .map((column, index) => pad(cell(values, index), widths[index] ?? 0, column.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const header = line(table.columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const out = [table.title, '', header, rule, ...table.rows.map(line)];
  if (table.note) out.push('', table.note);
  return out.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function renderMarkdown(table: Table, headingLevel = 3): string {
  const header = `| ${table.columns.map((column) => escapeMarkdown(column.header)).join(' | ')} |`;
  const rule = `|${table.columns.map((column) => (column.align === 'right' ? '---:' : '---')).join('|')}|`;
  const body = table.rows.map(
    (row) => `| ${table.columns.map((_, index) => escapeMarkdown(cell(row, index))).join(' | ')} |`,
  );
  const out = [`${'#'.repeat(headingLevel)} ${table.title}`, '', header, rule, ...body];
  if (table.note) out.push('', table.note);
  return out.join('\n');
}

/** A table of already formatted cells, rendered as aligned text or as Markdown. */
export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align?: Align;
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
}

/** Display width: counts code points, so `µ` and `×` take one column. */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
}

export function renderText(table: Table): string {
  const widths = table.columns.map((column, i) =>
    Math.max(width(column.header), ...table.rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    table.columns
      .map((column, i) => pad(cells[i] ?? '', widths[i] ?? 0, column.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const header = line(table.columns.map((column) => column.header));
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [header, rule, ...table.rows.map(line)].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function renderMarkdown(table: Table): string {
  const header = `| ${table.columns.map((column) => escapeCell(column.header)).join(' | ')} |`;
  const rule = `|${table.columns.map((column) => (column.align === 'right' ? '---:' : '---')).join('|')}|`;
  const rows = table.rows.map(
    (row) => `| ${table.columns.map((_, i) => escapeCell(row[i] ?? '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

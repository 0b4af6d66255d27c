/** A CSV field: text (a name, a key), a number, or null (an empty field). */
export type CsvCell = string | number | null;

/**
 * A report's rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled, a final line end). An empty field is a null. Text that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) gets a leading apostrophe: a channel or role name is typed by users and must
 * not execute. Numbers are written as they are (a negative one stays a number).
 */
export function reportCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  const lines = [header.map(quote), ...rows.map((cells) => cells.map((cell) => quote(field(cell))))];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

function field(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

import { parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '../../domain/result';

export interface CsvRow {
  line: number;
  /** Cell by lower-case header name ('' when the row is shorter than the header). */
  get(column: string): string;
}

export interface CsvFile {
  header: string[];
  rows: CsvRow[];
}

/** Parses CSV text (BOM, quotes, empty lines handled by csv-parse) into rows addressed by header name. */
export function readCsv(text: string): Result<CsvFile> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns { record, info } per row; its typings do not follow the option.
    records = parse(text, {
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return fail('invalid_input', `line ${err.lines ?? '?'}: ${err.message.replace(/ at line \d+.*$/, '')}`);
  }
  const first = records[0];
  if (first === undefined) return fail('invalid_input', 'the file is empty');
  const header = first.record.map((h) => h.toLowerCase());
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) return fail('invalid_input', `line ${first.info.lines}: column "${name}" appears twice`);
    seen.add(name);
  }
  const index = new Map(header.map((h, i) => [h, i] as const));
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length > header.length && record.slice(header.length).some((cell) => cell !== '')) {
      return fail('invalid_input', `line ${info.lines}: ${record.length} values for ${header.length} columns`);
    }
    rows.push({ line: info.lines, get: (column) => record[index.get(column) ?? -1] ?? '' });
  }
  return ok({ header, rows });
}

/** "pricing; finding clients" → ["pricing", "finding clients"]. */
export function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A whole number in [lo, hi], '' → fallback; otherwise the problem as a sentence ending for "line N: ...". */
export function wholeCell(cell: string, column: string, lo: number, hi: number, fallback?: number): number | string {
  if (cell === '') return fallback ?? `${column} is required`;
  if (!/^[+-]?\d+$/.test(cell)) return `${column} "${cell}" is not a whole number`;
  const value = Number(cell);
  return value >= lo && value <= hi ? value : `${column} ${cell} is not between ${lo} and ${hi}`;
}

export function numberCell(cell: string, column: string, lo: number, hi: number): number | string {
  const value = Number(cell);
  if (cell === '' || !Number.isFinite(value)) return `${column} "${cell}" is not a number`;
  return value >= lo && value <= hi ? value : `${column} ${cell} is not between ${lo} and ${hi}`;
}

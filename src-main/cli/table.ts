import { escapeControl } from './terminal-text.ts';

/** Plain aligned tables for the terminal: text columns left, number columns right; control characters shown escaped. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

export function formatTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const headers = columns.map((column) => escapeControl(column.header));
  const cells = rows.map((row) => columns.map((column) => escapeControl(column.value(row))));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => line[i]!.length)));
  const pad = (text: string, i: number): string =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const lines = [headers.map(pad), ...cells.map((line) => line.map(pad))];
  return `${lines.map((line) => line.join('  ').trimEnd()).join('\n')}\n`;
}

const USD = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const COUNT = new Intl.NumberFormat('en-US');

/** 1234567.891 → "1,234,567.89" (the cents a trader reads; --json keeps full precision). */
export const formatUsd = (usd: number): string => USD.format(usd);
export const formatCount = (count: number): string => COUNT.format(count);

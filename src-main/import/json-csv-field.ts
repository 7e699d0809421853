/**
 * The `csv` field of an import request's JSON body, taken out as bytes without ever making a
 * string of the whole body or of the file: JSON.parse of a 50 MB body holds the body's text and
 * the file's text at once (~150 MB with the bytes). The body's top-level object is scanned, the
 * csv string is unescaped in place (a JSON escape is never shorter than what it stands for, so the
 * result fits where the literal was) and the other, small fields are parsed as usual.
 */
import { badInput } from '../core/errors.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const malformed = () => badInput('malformed_json', 'the body is not valid JSON; send a JSON object');

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Index just past the string literal that starts at `at` (a quote). */
function skipString(body: Uint8Array, at: number): number {
  for (let i = at + 1; i < body.length; i++) {
    if (body[i] === BACKSLASH) i++;
    else if (body[i] === QUOTE) return i + 1;
  }
  throw malformed();
}

const ENCODER = new TextEncoder();
const SIMPLE_ESCAPES: Record<number, number> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

/** Unescapes the string literal body[from-1 … to] (quotes excluded) in place; returns the end of the result. */
function unescapeInPlace(body: Uint8Array, from: number, to: number): number {
  let write = from;
  for (let read = from; read < to; ) {
    const b = body[read]!;
    if (b < 0x20) throw malformed(); // a raw control character: not allowed inside a JSON string
    if (b !== BACKSLASH) {
      body[write++] = b;
      read++;
      continue;
    }
    const escaped = body[read + 1]!;
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== undefined) {
      body[write++] = simple;
      read += 2;
      continue;
    }
    if (escaped !== 0x75) throw malformed();
    // A run of \uXXXX escapes, read by JSON.parse (surrogate pairs included); its UTF-8 is never
    // longer than the run, and a lone surrogate becomes U+FFFD, as TextEncoder writes it.
    let end = read;
    while (end < to && body[end] === BACKSLASH && body[end + 1] === 0x75) end += 6;
    const text = parseSmall(`"${Buffer.from(body.buffer, body.byteOffset + read, Math.min(end, to) - read).toString('latin1')}"`) as string;
    write += ENCODER.encodeInto(text, body.subarray(write)).written;
    read = end;
  }
  return write;
}

/**
 * `body` split into the csv field's UTF-8 bytes (null when there is no string `csv` field at the
 * top level: then `rest` says what there is) and the other fields. `body` is overwritten.
 */
export function takeCsvField(body: Uint8Array): { csv: Uint8Array | null; rest: unknown } {
  const decoder = new TextDecoder();
  let at = 0;
  while (isSpace(body[at])) at++;
  if (body[at] !== 0x7b) return { csv: null, rest: parseSmall(decoder.decode(body)) };
  // Only the top level (depth 1) matters: its keys, and the value after a "csv" key and its colon.
  let literal: { start: number; end: number } | null = null;
  let depth = 0;
  let key: unknown = null;
  let valueNext = false;
  for (; at < body.length; at++) {
    const b = body[at]!;
    const csvValue = depth === 1 && valueNext && key === 'csv';
    if (b === QUOTE) {
      const end = skipString(body, at);
      if (csvValue) literal = { start: at, end }; // the last one wins, as in JSON.parse
      else if (depth === 1 && !valueNext) key = parseSmall(decoder.decode(body.subarray(at, end)));
      valueNext = false;
      at = end - 1;
    } else if (b === 0x3a && depth === 1) valueNext = true;
    else if (isSpace(b) || (depth === 1 && !valueNext)) {
      if (b === 0x7d) depth--;
    } else {
      if (csvValue) literal = null; // a csv that is not a string is left to the schema
      valueNext = false;
      if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) depth--;
    }
  }
  if (!literal) return { csv: null, rest: parseSmall(decoder.decode(body)) };
  // The rest, with the csv literal left out, is small: parse it (this also checks the whole body is JSON).
  const rest = parseSmall(`${decoder.decode(body.subarray(0, literal.start))}""${decoder.decode(body.subarray(literal.end))}`);
  const end = unescapeInPlace(body, literal.start + 1, literal.end - 1);
  return { csv: body.subarray(literal.start + 1, end), rest };
}

function parseSmall(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed();
  }
}

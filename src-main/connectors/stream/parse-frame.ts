/** A text frame as JSON, or undefined when it is not JSON (some exchanges greet in plain text). */
export function parseFrame(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

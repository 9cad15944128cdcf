/** The segments of a field path: `a.b[0]["c.d"]` is `a`, `b`, 0, `c.d`. */
export function fieldSegments(field: string): readonly (string | number)[] {
  let segments = SEGMENTS.get(field);
  if (!segments) {
    const parsed: (string | number)[] = [];
    for (const m of field.matchAll(/\["([^"]*)"\]|\[(\d+)\]|([^.[\]]+)/g)) {
      parsed.push(m[1] ?? (m[2] !== undefined ? parseInt(m[2], 10) : m[3]));
    }
    // Remembered: a rule names the same fields in every object it flags (bounded, for long-lived processes).
    if (SEGMENTS.size >= 10_000) SEGMENTS.clear();
    SEGMENTS.set(field, parsed);
    segments = parsed;
  }
  return segments;
}

const SEGMENTS = new Map<string, readonly (string | number)[]>();

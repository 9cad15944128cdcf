import { EVENT_ID, Events, SCALAR_STYLE } from '../../lib/lint/yaml-events';

const { MAPPING, SCALAR, POP } = EVENT_ID;
const { PLAIN, DOUBLE_QUOTED } = SCALAR_STYLE;

describe('Events: the compact record of a piece of YAML', () => {
  test('type, style and start of each event, past the capacity it was made with', () => {
    const events = new Events(1);
    const written: [number, number, number][] = [];
    for (let i = 0; i < 100; i++) {
      const event: [number, number, number] = i % 3 === 0 ? [MAPPING, 0, i * 7] : i % 3 === 1 ? [SCALAR, i % 2 ? PLAIN : DOUBLE_QUOTED, i * 7 + 1] : [POP, 0, 0];
      expect(events.push(...event)).toBe(i);
      written.push(event);
    }
    expect(events.length).toBe(100);
    written.forEach(([type, style, start], i) => {
      expect([events.type(i), events.style(i), events.start(i)]).toEqual([type, style, start]);
    });
  });

  test("a key's text: by its length beside its type (any length), resolved when plain, or as kept", () => {
    // Keys as long as the bits beside the type hold, one past that, and much longer.
    const lengths = [0, 1, 4, (1 << 21) - 1, 1 << 21, 5_000_000];
    const text = `yes: "" ${'k'.repeat(5_000_001)}`;
    const events = new Events(4);
    const plain = events.push(SCALAR, PLAIN, 0);
    events.setKeyEnd(plain, 3);
    const keys = lengths.map(length => {
      const i = events.push(SCALAR, DOUBLE_QUOTED, 8);
      events.setKeyEnd(i, 8 + length);
      return i;
    });
    const escaped = events.push(SCALAR, DOUBLE_QUOTED, 5);
    events.setKeyValue(escaped, 'a\tb');

    expect(events.keyValue(plain, text)).toBe(true); // `yes`, as YAML 1.1 resolves it
    keys.forEach((i, n) => {
      const value = events.keyValue(i, text) as string;
      expect(value.length).toBe(lengths[n]);
      expect(events.type(i)).toBe(SCALAR);
      expect(events.style(i)).toBe(DOUBLE_QUOTED);
      expect(events.start(i)).toBe(8);
    });
    expect(events.keyValue(escaped, text)).toBe('a\tb');
  });
});

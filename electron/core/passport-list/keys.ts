// Passport series and number as typed or printed, to the integer key the index stores:
// key = series * 10^6 + number, in [0, 10^10).

/** '4509' or '45 09' (as printed) to 4509; -1 for anything else. */
export function parseSeries(s: string): number {
  if (s.length === 4) return digits(s, 0, 4);
  if (s.length === 5 && s.charCodeAt(2) === 32) {
    const hi = digits(s, 0, 2);
    const lo = digits(s, 3, 5);
    return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
  }
  return -1;
}

/** Exactly six digits to their value; -1 for anything else. */
export function parseNumber(s: string): number {
  return s.length === 6 ? digits(s, 0, 6) : -1;
}

export function passportKey(series: string, number: string): number {
  const s = parseSeries(series);
  const n = parseNumber(number);
  return s < 0 || n < 0 ? -1 : s * 1_000_000 + n;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

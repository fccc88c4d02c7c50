// Seeded randomness. Every draw the simulators make comes from a stream named by what it is for
// (seed, record, attempt…), so the same question always gets the same answer whatever else ran.

/** A uniform source on [0, 1). */
export type Random = () => number;

/** 32-bit FNV-1a of a string: turns names into seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32, seeded from the parts given; fast and well distributed for simulation. */
export function seededRandom(...parts: (string | number)[]): Random {
  const key = parts.join('\u0001');
  let a = hash32(key);
  let b = hash32(`b${key}`);
  let c = hash32(`c${key}`);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

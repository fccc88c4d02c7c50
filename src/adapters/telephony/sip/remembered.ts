// A pure function of strings that remembers its results for the inputs it saw last. SDP is parsed
// and written again and again for the same few descriptions (a standing session's phone, its black
// hole, a customer's answer forwarded, held and resumed): sdp-transform was a tenth of Pacer's
// main thread under bench:sip. Only for functions whose result depends on their arguments alone,
// and whose result nobody changes (strings, or values frozen by the caller).

/** `fn`, remembering its results for the last `capacity` distinct arguments (least recently used out first). */
export function remembered<A extends readonly string[], R>(fn: (...args: A) => R, capacity = 1024): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A): R => {
    const key = args.length === 1 ? (args[0] as string) : args.join('\u0000');
    if (results.has(key)) {
      const hit = results.get(key) as R;
      // Used again: last out.
      results.delete(key);
      results.set(key, hit);
      return hit;
    }
    const result = fn(...args);
    results.set(key, result);
    if (results.size > capacity) results.delete(results.keys().next().value as string);
    return result;
  };
}

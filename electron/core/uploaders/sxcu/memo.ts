/**
 * A cache for compiled expressions (regular expressions, JSON paths, XPath). A file holds a
 * handful; the cache starts over past `max` entries rather than grow without bound.
 */
export function memoize<T>(max = 500): (key: string, make: () => T) => T {
  const entries = new Map<string, T>();
  return (key, make) => {
    if (entries.has(key)) return entries.get(key)!;
    const value = make();
    if (entries.size >= max) entries.clear();
    entries.set(key, value);
    return value;
  };
}

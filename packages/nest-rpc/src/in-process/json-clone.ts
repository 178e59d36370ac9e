/**
 * What a network transport does to a value: JSON out, JSON in. A Date arrives as its ISO
 * string, a function or `undefined` property disappears, and a class instance arrives as a
 * plain object, so an in-process call can never share state with its caller or hand it
 * something the TCP transport could not carry. Throws on what JSON cannot encode (BigInt,
 * cycles), as the TCP transport does when it writes the packet.
 */
export function jsonClone<T>(value: T): T {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? (undefined as T) : (JSON.parse(text) as T);
}

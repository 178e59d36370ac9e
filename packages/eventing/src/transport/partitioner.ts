/** FNV-1a over the key's UTF-16 code units: stable across processes and releases. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The partition a key belongs to: all messages of one key land on one partition. */
export function partitionFor(key: string, partitions: number): number {
  return hashKey(key) % partitions;
}

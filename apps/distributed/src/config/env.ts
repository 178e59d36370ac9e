/** The environment as a process sees it; only strings, possibly missing. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variable's value, with an empty string counting as unset (as `FOO= cmd` does). */
export function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function required(env: Env, name: string, why: string): string {
  const value = text(env, name);
  if (value === undefined) throw new Error(`${name} is required: ${why}`);
  return value;
}

/** A whole number from `min` up; an invalid value fails at startup rather than later. */
export function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${String(min)}, got "${raw}"`);
  return value;
}

export function port(env: Env, name: string, fallback: number): number {
  const value = integer(env, name, fallback);
  if (value > 65_535)
    throw new Error(`${name} must be a TCP port (0 to 65535), got ${String(value)}`);
  return value;
}

export function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

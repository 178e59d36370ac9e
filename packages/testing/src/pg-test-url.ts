/** The server integration tests use: env PG_TEST_URL, else the local default. */
export function pgTestUrl(): string {
  const url = process.env.PG_TEST_URL;
  return url !== undefined && url !== '' ? url : 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

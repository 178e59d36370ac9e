/** Turns passwords into slow, salted hashes and checks them. */
export abstract class PasswordHasher {
  /** A self-describing hash (algorithm, parameters, salt): safe to store as is. */
  abstract hash(password: string): Promise<string>;

  /** Whether the password matches the hash; false, never a throw, for a malformed hash. */
  abstract verify(hash: string, password: string): Promise<boolean>;
}

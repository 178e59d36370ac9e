import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { PasswordHasher } from '../application/password-hasher.port.js';

/**
 * Argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes), above OWASP's minimum.
 * The parameters travel inside each hash, so raising them later keeps old hashes valid.
 */
@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A hash argon2 cannot read matches no password.
      return false;
    }
  }
}

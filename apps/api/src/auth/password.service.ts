import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id (memory-hard), with the library's recommended cost parameters. */
@Injectable()
export class PasswordService {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash is a failed sign-in, not a 500
    }
  }
}

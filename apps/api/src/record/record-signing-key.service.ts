import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { RecordKeyView } from '@rostrum/contracts';
import { keyIdOf } from '@rostrum/record';

export interface RecordSigningKey {
  privateKey: KeyObject;
  keyId: string;
  publicKeyPem: string;
}

/**
 * The key that signs records: RECORD_SIGNING_KEY, or (outside production, where the config requires it) a
 * development key generated once and kept in the database. Several API instances starting together insert
 * theirs with ON CONFLICT DO NOTHING and all read back the one that won.
 */
@Injectable()
export class RecordSigningKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecordSigningKeyService.name);
  private key: Promise<RecordSigningKey> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Loaded at start, so the warning comes then; a database away at that moment is retried on first use. */
  async onApplicationBootstrap(): Promise<void> {
    await this.current().catch((err: unknown) =>
      this.logger.error(
        `record signing key not loaded yet: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }

  current(): Promise<RecordSigningKey> {
    this.key ??= this.load().catch((err: unknown) => {
      this.key = null; // a database that was down at start: try again on the next request
      throw err;
    });
    return this.key;
  }

  async publicKeys(): Promise<RecordKeyView[]> {
    const { keyId, publicKeyPem } = await this.current();
    return [{ keyId, publicKeyPem }];
  }

  private async load(): Promise<RecordSigningKey> {
    if (this.config.recordSigningKey) return describe(createPrivateKey(this.config.recordSigningKey));
    const generated = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    await this.db.query(
      `INSERT INTO record_development_key (id, private_key_pem) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`,
      [generated],
    );
    const [{ pem }]: { pem: string }[] = await this.db.query(
      'SELECT private_key_pem AS pem FROM record_development_key WHERE id = 1',
    );
    const key = describe(createPrivateKey(pem));
    this.logger.warn(
      `RECORD_SIGNING_KEY is not set: records are signed with the development key ${key.keyId} kept in the database. Set it before exposing this server.`,
    );
    return key;
  }
}

function describe(privateKey: KeyObject): RecordSigningKey {
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
  return { privateKey, keyId: keyIdOf(privateKey), publicKeyPem };
}

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { UserEntity } from '@rostrum/database';
import { PasswordService } from './password.service';

/** With BOOTSTRAP_ADMIN_EMAIL/PASSWORD set and no admin in the database, creates one at start. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const passwordHash = await this.passwords.hash(admin.password);
    // Under a transaction-scoped advisory lock, so replicas starting together create one admin.
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7300412)');
      const users = tx.getRepository(UserEntity);
      if (await users.existsBy({ role: 'admin' })) return;
      if (await users.existsBy({ email: admin.email })) {
        this.logger.warn(
          `BOOTSTRAP_ADMIN_EMAIL ${admin.email} belongs to a non-admin account; no admin created`,
        );
        return;
      }
      await users.save(
        users.create({ email: admin.email, name: 'Administrator', passwordHash, role: 'admin' }),
      );
      this.logger.log(`created the bootstrap admin ${admin.email}`);
    });
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UserView } from '@rostrum/contracts';
import { InvitationEntity, ParticipantEntity, UserEntity } from '@rostrum/database';
import { AppError, notFound } from '../common/app-error';
import { hashSecretToken } from '../common/secret-token';
import { invitationRevoked } from '../invitations/invitation-view';
import { toUserView } from '../users/user-view';
import { AuthLimitsService } from './auth-limits.service';
import { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

export interface SignedIn {
  accessToken: string;
  user: UserView;
}

const WRONG_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService implements OnModuleInit {
  /** Verified against when the email is unknown, so an unknown email costs what a known one does. */
  private dummyHash!: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly limits: AuthLimitsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.passwords.hash('not-a-real-password-just-for-equal-cost');
  }

  /** Only failed attempts count towards the sign-in limits; an unknown email still costs one argon2 verify. */
  async login(dto: LoginDto, address: string): Promise<SignedIn> {
    await this.limits.checkSignIn(address, dto.email);
    const user = await this.db.getRepository(UserEntity).findOneBy({ email: dto.email });
    const ok = await this.passwords.verify(user?.passwordHash ?? this.dummyHash, dto.password);
    if (!user || !ok) {
      await this.limits.countFailedSignIn(address, dto.email);
      throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    if (!user.active) throw new AppError('UNAUTHENTICATED', 'This account has been deactivated');
    return this.signIn(user);
  }

  /**
   * Redeems an invitation: single use (row lock), before it expires, unless revoked, for its role and
   * delegation, with its email when it names one; an invitation for an event accredits the account to it. The invitation is checked before the password is hashed, so a bad code costs
   * the server next to nothing.
   */
  async register(dto: RegisterDto, address: string): Promise<SignedIn> {
    await this.limits.takeSignUp(address);
    const codeHash = hashSecretToken(dto.invitationCode);
    await this.checkRedeemable(this.db.manager, codeHash, dto.email);
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.db.transaction(async (tx) => {
      const invitation = await this.checkRedeemable(tx, codeHash, dto.email);
      const users = tx.getRepository(UserEntity);
      const created = await users.save(
        users.create({
          email: dto.email,
          name: dto.name,
          passwordHash,
          role: invitation.role,
          delegationId: invitation.role === 'delegate' ? invitation.delegationId : null,
        }),
      );
      await tx
        .getRepository(InvitationEntity)
        .update(invitation.id, { usedAt: new Date(), usedById: created.id });
      // An invitation for an event accredits the new account to it (as its delegation's focal point if so).
      if (invitation.eventId) {
        await tx.getRepository(ParticipantEntity).insert({
          eventId: invitation.eventId,
          userId: created.id,
          status: 'accredited',
          focalPoint: invitation.role === 'delegate' && invitation.focalPoint,
        });
      }
      return created;
    });
    return this.signIn(user);
  }

  /** Sets a new password and revokes every token the user held; answers the new session's token. */
  async changePassword(userId: string, dto: ChangePasswordDto, address: string): Promise<string> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    await this.limits.checkSignIn(address, user.email);
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      await this.limits.countFailedSignIn(address, user.email);
      throw new AppError('FORBIDDEN', 'The current password is not correct');
    }
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const tokenVersion = await this.db.transaction(async (tx) => {
      await tx.getRepository(UserEntity).update(user.id, { passwordHash });
      return this.sessions.revokeAll(user.id, tx);
    });
    return this.tokens.issue({ ...user, tokenVersion });
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return toUserView(user);
  }

  /** In a transaction, the invitation row stays locked until the account is created. */
  private async checkRedeemable(
    manager: EntityManager,
    codeHash: string,
    email: string,
  ): Promise<InvitationEntity> {
    let query = manager.getRepository(InvitationEntity).createQueryBuilder('i');
    if (manager.queryRunner?.isTransactionActive) query = query.setLock('pessimistic_write');
    const invitation = await query.where('i.code_hash = :codeHash', { codeHash }).getOne();
    if (!invitation) throw notFound('Invitation');
    if (invitation.revokedAt) throw invitationRevoked();
    if (invitation.usedAt) throw new AppError('INVITATION_USED', 'This invitation has already been used');
    if (invitation.expiresAt.getTime() <= Date.now()) {
      throw new AppError(
        'INVITATION_EXPIRED',
        'This invitation has expired; ask the secretariat for a new one',
      );
    }
    if (invitation.email && invitation.email !== email) {
      throw new AppError('FORBIDDEN', 'This invitation was issued for another email address');
    }
    if (await manager.getRepository(UserEntity).existsBy({ email })) {
      throw new AppError('CONFLICT', 'An account with this email already exists');
    }
    return invitation;
  }

  private signIn(user: UserEntity): SignedIn {
    return { accessToken: this.tokens.issue(user), user: toUserView(user) };
  }
}

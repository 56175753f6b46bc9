import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserView } from '@rostrum/contracts';
import { InvitationEntity, UserEntity } from '@rostrum/database';
import { AppError, notFound } from '../common/app-error';
import { toUserView } from '../users/user-view';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';

export interface SignedIn {
  accessToken: string;
  user: UserView;
}

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
  ) {}

  async login(dto: LoginDto): Promise<SignedIn> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ email: dto.email });
    this.dummyHash ??= this.passwords.hash('not-a-real-password');
    const ok = await this.passwords.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Email or password is incorrect');
    return this.signIn(user);
  }

  /** Redeems an invitation: single use (row lock), before it expires, for its role and delegation. */
  async register(dto: RegisterDto): Promise<SignedIn> {
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.db.transaction(async (tx) => {
      const invitation = await tx
        .getRepository(InvitationEntity)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.code = :code', { code: dto.invitationCode })
        .getOne();
      if (!invitation) throw notFound('Invitation');
      if (invitation.usedAt) throw new AppError('INVITATION_USED', 'This invitation has already been used');
      if (invitation.expiresAt.getTime() <= Date.now()) {
        throw new AppError(
          'INVITATION_EXPIRED',
          'This invitation has expired; ask the secretariat for a new one',
        );
      }
      if (invitation.email && invitation.email !== dto.email) {
        throw new AppError('FORBIDDEN', 'This invitation was issued for another email address');
      }
      if (await tx.getRepository(UserEntity).existsBy({ email: dto.email })) {
        throw new AppError('CONFLICT', 'An account with this email already exists');
      }
      const created = await tx.getRepository(UserEntity).save(
        tx.getRepository(UserEntity).create({
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
      return created;
    });
    return this.signIn(user);
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
    return toUserView(user);
  }

  private signIn(user: UserEntity): SignedIn {
    return { accessToken: this.tokens.issue(user), user: toUserView(user) };
  }
}

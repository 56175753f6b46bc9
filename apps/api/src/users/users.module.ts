import { Module } from '@nestjs/common';
import { DelegationsController } from '../delegations/delegations.controller';
import { InvitationsController } from '../invitations/invitations.controller';
import { UserAccountsController } from './user-accounts.controller';
import { UsersController } from './users.controller';

/** People: accounts, delegations and invitations. */
@Module({
  controllers: [UsersController, UserAccountsController, DelegationsController, InvitationsController],
})
export class UsersModule {}

import { Module } from '@nestjs/common';
import { DelegationsController } from '../delegations/delegations.controller';
import { DelegationsService } from '../delegations/delegations.service';
import { UserAccountsController } from './user-accounts.controller';
import { UsersController } from './users.controller';

/** People: accounts and delegations (invitations: the accreditation module). */
@Module({
  controllers: [UsersController, UserAccountsController, DelegationsController],
  providers: [DelegationsService],
})
export class UsersModule {}

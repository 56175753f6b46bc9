import { Module } from '@nestjs/common';
import { DelegationsController } from '../delegations/delegations.controller';
import { InvitationsController } from '../invitations/invitations.controller';
import { UsersController } from './users.controller';

/** People: accounts, delegations and invitations. */
@Module({ controllers: [UsersController, DelegationsController, InvitationsController] })
export class UsersModule {}

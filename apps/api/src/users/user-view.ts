import { UserView } from '@rostrum/contracts';
import { UserEntity } from '@rostrum/database';

/** The only way a user leaves the API: never with its password hash. */
export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    delegationId: u.delegationId,
    active: u.active,
  };
}

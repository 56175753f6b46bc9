import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ParticipantRowStatus } from '@rostrum/contracts';
import { UsersQueryDto } from '../../users/dto/users-query.dto';

const ROW_STATUSES: ParticipantRowStatus[] = ['invited', 'accredited', 'revoked'];

/** `GET /api/events/:id/participants?role=&delegationId=&status=&q=&limit=&offset=`. */
export class ParticipantsQueryDto extends UsersQueryDto {
  @ApiPropertyOptional({ enum: ROW_STATUSES })
  @IsOptional()
  @IsIn(ROW_STATUSES, { message: `status must be one of ${ROW_STATUSES.join(', ')}` })
  status?: ParticipantRowStatus;
}

export class AccreditDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;

  @ApiPropertyOptional({ default: false, description: "Their delegation's focal point for the event" })
  @IsOptional()
  @IsBoolean({ message: 'focalPoint must be true or false' })
  focalPoint?: boolean;
}

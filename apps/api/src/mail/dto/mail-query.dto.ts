import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MAIL_STATUSES, MailStatus } from '@rostrum/contracts';
import { ListQueryDto } from '../../common/list-query';

export class MailQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES, { message: `status must be one of ${MAIL_STATUSES.join(', ')}` })
  status?: MailStatus;
}

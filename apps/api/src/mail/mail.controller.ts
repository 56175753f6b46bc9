import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MailView } from '@rostrum/contracts';
import { MailOutboxEntity } from '@rostrum/database';
import { Allow } from '../auth/auth.decorators';
import { ApiPaged, sendPage } from '../common/list-query';
import { MailQueryDto } from './dto/mail-query.dto';

const toMailView = (m: MailOutboxEntity): MailView => ({
  id: m.id,
  kind: m.kind,
  to: m.to,
  subject: m.subject,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});

@ApiTags('mail')
@ApiBearerAuth()
@Controller('mail')
export class MailController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The outbox for staff: what was sent, what is waiting, and why a failure failed. Never the bodies. */
  @Get()
  @Allow('staff', 'admin')
  @ApiOperation({ summary: 'The mail outbox, newest first, optionally by status; staff and admins' })
  @ApiPaged('Mails of the outbox, newest first')
  async list(@Query() query: MailQueryDto, @Res({ passthrough: true }) res: Response): Promise<MailView[]> {
    const [mails, total] = await this.db.getRepository(MailOutboxEntity).findAndCount({
      select: {
        id: true,
        kind: true,
        to: true,
        subject: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
      },
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return sendPage(res, { items: mails.map(toMailView), total });
  }
}

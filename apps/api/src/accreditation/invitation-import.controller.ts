import { Body, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ImportReport } from '@rostrum/contracts';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { booleanFlag } from '../common/csv-import';
import { UuidPipe } from '../common/validation';
import { InvitationImportService } from './invitation-import.service';

@ApiTags('accreditation')
@ApiBearerAuth()
@Controller('events/:id/invitations/import')
export class InvitationImportController {
  constructor(private readonly imports: InvitationImportService) {}

  @Post()
  @Allow('staff')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'CSV, UTF-8 with or without BOM, comma or semicolon: name,email,role,delegation_code,language,focal_point; at most 5,000 rows and 2 MB (413)',
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'send', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Invite many people to the event at once: {rows, valid, created, skipped, errors: [{row, field, message}]}; any error → nothing is created (400 VALIDATION_FAILED with the report; a dry run answers it with 200). Emails already invited or accredited are skipped.',
  })
  import(
    @Param('id', UuidPipe) eventId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Query('dryRun') dryRun?: string,
    @Query('send') send?: string,
  ): Promise<ImportReport> {
    const options = { dryRun: booleanFlag('dryRun', dryRun), send: booleanFlag('send', send) };
    return this.imports.import(eventId, body, options, user);
  }
}

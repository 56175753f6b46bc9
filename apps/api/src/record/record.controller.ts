import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, PANEL_MODERATOR, Public } from '../auth/auth.decorators';
import { UuidPipe } from '../common/validation';
import { RecordSigningKeyService } from './record-signing-key.service';
import { RecordService } from './record.service';

const RECORD_ANSWER =
  '{panelId, entries: FloorLogEntry[] (each with prevHash and hash), head: {seq, hash}, signedAt, signature ' +
  '(Ed25519, base64, over the canonical JSON of {panelId, head, signedAt}), keyId}. docs/record.md';

/** The record of proceedings: the floor log with its hash chain, signed when read (docs/record.md). */
@ApiTags('record')
@Controller()
export class RecordController {
  constructor(
    private readonly records: RecordService,
    private readonly keys: RecordSigningKeyService,
  ) {}

  @Get('panels/:id/record')
  @ApiBearerAuth()
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({ summary: 'The panel’s record of proceedings, signed' })
  @ApiOkResponse({ description: RECORD_ANSWER })
  record(@Param('id', UuidPipe) id: string) {
    return this.records.forStaff(id);
  }

  @Get('public/panels/:id/record')
  @Public()
  @ApiOperation({ summary: 'The record of an ended panel with a published recording (else 404)' })
  @ApiOkResponse({ description: RECORD_ANSWER })
  publicRecord(@Param('id', UuidPipe) id: string) {
    return this.records.forPublic(id);
  }

  @Get('record/keys')
  @Public()
  @ApiOperation({ summary: 'The public keys records are signed with' })
  @ApiOkResponse({ description: '[{keyId, publicKeyPem}]' })
  publicKeys() {
    return this.keys.publicKeys();
  }
}

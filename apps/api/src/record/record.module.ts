import { Module } from '@nestjs/common';
import { RecordSigningKeyService } from './record-signing-key.service';
import { RecordController } from './record.controller';
import { RecordService } from './record.service';

/** The signed record of proceedings and the keys that verify it. */
@Module({
  controllers: [RecordController],
  providers: [RecordService, RecordSigningKeyService],
})
export class RecordModule {}

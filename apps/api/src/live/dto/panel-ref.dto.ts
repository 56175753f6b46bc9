import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Every panel command names its panel. */
export class PanelRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'panelId must be a UUID' })
  panelId: string;
}

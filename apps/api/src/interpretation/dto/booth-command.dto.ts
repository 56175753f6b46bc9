import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PanelRefDto } from '../../live/dto/panel-ref.dto';

/** An ISO 639-1 code (optionally with a region or script: `zh-Hant`), as the event's languages are written. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** `booth:join`, `booth:take`, `booth:release`: one booth of a panel. */
export class BoothRefDto extends PanelRefDto {
  @ApiProperty({ example: 'fr' })
  @IsString()
  @MaxLength(16)
  @Matches(LANGUAGE, { message: 'language must be a language code such as "fr"' })
  language: string;
}

/** `booth:relay`: the channel the booth interprets from, "floor" or another booth's language. */
export class BoothRelayDto extends BoothRefDto {
  @ApiProperty({ example: 'floor' })
  @IsString()
  @MaxLength(16)
  @Matches(/^(floor|[a-z]{2,3}(-[A-Za-z0-9]{2,8})?)$/, {
    message: 'from must be "floor" or a language code',
  })
  from: string;
}

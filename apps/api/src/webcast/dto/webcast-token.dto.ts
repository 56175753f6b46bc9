import { ApiProperty } from '@nestjs/swagger';
import { WebcastChannel, WebcastTokenView } from '@rostrum/contracts';

class WebcastChannelDto implements WebcastChannel {
  @ApiProperty({ example: 'fr', description: '"floor" (the original sound) or one of the event’s languages' })
  language: string;

  @ApiProperty({
    description: 'The floor: the panel is live; a language: an interpreter is live in its booth',
  })
  live: boolean;
}

/** OpenAPI shape of a webcast join token answer. */
export class WebcastTokenDto implements WebcastTokenView {
  @ApiProperty({ example: 'wss://live.example.org', description: 'The LiveKit server to connect to' })
  url: string;

  @ApiProperty({
    description: 'LiveKit join token (JWT), valid for 10 minutes; LiveKit refreshes it once connected',
  })
  token: string;

  @ApiProperty({ example: 'panel-8d6f…', description: 'The panel’s LiveKit room' })
  room: string;

  @ApiProperty({ description: 'The participant identity: the user id, or `public-…` for anonymous viewers' })
  identity: string;

  @ApiProperty({
    description:
      'Whether the token may publish: moderators and panelists of the panel, and the delegate holding the floor',
  })
  canPublish: boolean;

  @ApiProperty({
    type: [WebcastChannelDto],
    description: 'The audio channels: the floor first, then each of the event’s languages',
  })
  channels: WebcastChannel[];
}

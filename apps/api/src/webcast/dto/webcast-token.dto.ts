import { ApiProperty } from '@nestjs/swagger';
import { WebcastTokenView } from '@rostrum/contracts';

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
}

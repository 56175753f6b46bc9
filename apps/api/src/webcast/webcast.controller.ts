import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { UuidPipe } from '../common/validation';
import { WebcastTokenDto } from './dto/webcast-token.dto';
import { WebcastTokenLimit } from './webcast-token.throttler';
import { WebcastService } from './webcast.service';

const DISABLED = { status: 503, description: 'WEBCAST_DISABLED: LiveKit is not configured on this server' };
const ENDED = { status: 409, description: 'PANEL_NOT_LIVE: the panel has ended' };

/** Join tokens for a panel's LiveKit room. */
@ApiTags('webcast')
@Controller()
export class WebcastController {
  constructor(private readonly webcast: WebcastService) {}

  @Post('panels/:id/webcast/token')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A join token for the panel’s webcast room',
    description:
      'Moderators and panelists of the panel publish camera, microphone and screen share; delegates subscribe and ' +
      'publish data, and camera and microphone while they hold the floor; everyone else subscribes only.',
  })
  @ApiOkResponse({ type: WebcastTokenDto })
  @ApiResponse(DISABLED)
  @ApiResponse(ENDED)
  token(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.webcast.tokenFor(id, user);
  }

  @Post('public/panels/:id/webcast/token')
  @Public()
  @HttpCode(200)
  @WebcastTokenLimit()
  @ApiOperation({
    summary: 'An anonymous viewer’s token: subscribe only, hidden from the participant list',
    description: 'Rate limited per client address (30 a minute). Large audiences should use the HLS stream.',
  })
  @ApiOkResponse({ type: WebcastTokenDto })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  @ApiResponse(DISABLED)
  @ApiResponse(ENDED)
  publicToken(@Param('id', UuidPipe) id: string) {
    return this.webcast.publicToken(id);
  }
}

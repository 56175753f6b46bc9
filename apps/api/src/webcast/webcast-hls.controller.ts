import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Public } from '../auth/auth.decorators';
import { UuidPipe } from '../common/validation';
import { HlsFile, WebcastHlsService } from './webcast-hls.service';

/** The HLS stream for large audiences (`webcast.hlsUrl` of the public panel); nginx may serve it instead. */
@ApiTags('webcast')
@Controller('public/panels/:id/webcast/hls')
export class WebcastHlsController {
  constructor(private readonly hls: WebcastHlsService) {}

  @Get(':file')
  @Public()
  @ApiOperation({
    summary: 'A live panel’s HLS playlist (live.m3u8) or segment, when WEBCAST_HLS is on',
  })
  @ApiOkResponse({ description: 'application/vnd.apple.mpegurl or video/mp2t' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such file, HLS off, or the panel is not live' })
  async file(
    @Param('id', UuidPipe) id: string,
    @Param('file') name: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(await this.hls.file(id, name), res);
  }

  @Get(':language/:file')
  @Public()
  @ApiOperation({
    summary: 'A language channel’s live HLS playlist (live.m3u8) or segment, when WEBCAST_HLS is on',
  })
  @ApiOkResponse({ description: 'application/vnd.apple.mpegurl or video/mp2t' })
  @ApiNotFoundResponse({
    description: 'NOT_FOUND: no such file or language, HLS off, or the panel is not live',
  })
  async channelFile(
    @Param('id', UuidPipe) id: string,
    @Param('language') language: string,
    @Param('file') name: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(await this.hls.file(id, name, language), res);
  }
}

async function send(file: HlsFile, res: Response): Promise<StreamableFile> {
  const { size } = await stat(file.path);
  res.setHeader('Cache-Control', file.cacheControl);
  return new StreamableFile(createReadStream(file.path), { type: file.contentType, length: size });
}

import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { Public } from '../auth/auth.decorators';
import { ApiPaged, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import { PublicRead, PublicRoute } from '../public/public-limits';
import {
  ChaptersQueryDto,
  PublicRecordingsQueryDto,
  PublicTranscriptSearchDto,
  TranscriptQueryDto,
} from './dto/recording.dto';
import { sendArchiveFile, sendCaptions, sendChapters } from './recording-media';
import { isTrue } from './recordings.controller';
import { sendHlsFile } from './recording-hls';
import { RecordingsService } from './recordings.service';
import { TranscriptsService } from './transcripts.service';

/** The public archive: published recordings that are ready; any other id is 404, as if it did not exist. */
@ApiTags('public')
@Public()
@PublicRoute()
@Controller('public/recordings')
export class PublicRecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly transcripts: TranscriptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @PublicRead()
  @ApiOperation({ summary: 'Published recordings, newest first' })
  @ApiPaged('RecordingView[]')
  async list(@Query() query: PublicRecordingsQueryDto, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.recordings.list(query, 'public'));
  }

  @Get('search')
  @PublicRead()
  @ApiOperation({
    summary: 'Find words said in published recordings: transcript lines, best match first, with their moment',
  })
  @ApiPaged('TranscriptSearchHit[]')
  async search(@Query() query: PublicTranscriptSearchDto, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.transcripts.search(query, 'public'));
  }

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: 'One published recording' })
  get(@Param('id', UuidPipe) id: string) {
    return this.recordings.get(id, 'public');
  }

  @Get(':id/video')
  @ApiOperation({ summary: 'The MP4 of a published recording, with HTTP range requests (206, 416)' })
  @ApiProduces('video/mp4')
  @ApiQuery({ name: 'download', required: false, description: '1: sent as an attachment' })
  async video(
    @Param('id', UuidPipe) id: string,
    @Query('download') download: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const recording = await this.recordings.find(id, 'public');
    await sendArchiveFile(req, res, this.config.archiveDir, recording, 'video', isTrue(download));
  }

  @Get(':id/poster')
  @ApiOperation({ summary: 'The poster image of a published recording (JPEG)' })
  @ApiProduces('image/jpeg')
  async poster(@Param('id', UuidPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await sendArchiveFile(
      req,
      res,
      this.config.archiveDir,
      await this.recordings.find(id, 'public'),
      'poster',
    );
  }

  @Get(':id/hls/:file')
  @ApiOperation({
    summary:
      'The HLS package of a published recording: master.m3u8 (audio renditions per language) and its files',
  })
  async hlsMaster(@Param('id', UuidPipe) id: string, @Param('file') file: string, @Res() res: Response) {
    const recording = await this.recordings.find(id, 'public');
    await sendHlsFile(res, this.config.archiveDir, recording, null, file);
  }

  @Get(':id/hls/:rendition/:file')
  @ApiOperation({ summary: 'A rendition’s playlist or segment in the HLS package' })
  async hlsFile(
    @Param('id', UuidPipe) id: string,
    @Param('rendition') rendition: string,
    @Param('file') file: string,
    @Res() res: Response,
  ) {
    const recording = await this.recordings.find(id, 'public');
    await sendHlsFile(res, this.config.archiveDir, recording, rendition, file);
  }

  @Get(':id/chapters.vtt')
  @ApiOperation({ summary: 'The chapters of a published recording as WebVTT; ?lang= as the staff route' })
  @ApiProduces('text/vtt')
  async chapters(@Param('id', UuidPipe) id: string, @Query() query: ChaptersQueryDto, @Res() res: Response) {
    const recording = await this.recordings.find(id, 'public');
    sendChapters(res, recording, await this.recordings.chaptersIn(recording, query.lang));
  }
  @Get(':id/transcript')
  @PublicRead()
  @ApiOperation({
    summary:
      'The transcript of one language, each line with who had the floor (404 when not transcribed, 409 until ready)',
  })
  transcript(@Param('id', UuidPipe) id: string, @Query() query: TranscriptQueryDto) {
    return this.transcripts.segments(id, query.lang, 'public');
  }

  @Get(':id/captions.vtt')
  @ApiOperation({
    summary: 'The transcript of one language as WebVTT captions (cues of at most ~7 s, two lines)',
  })
  @ApiProduces('text/vtt')
  async captions(
    @Param('id', UuidPipe) id: string,
    @Query() query: TranscriptQueryDto,
    @Res() res: Response,
  ) {
    const segments = await this.transcripts.segments(id, query.lang, 'public');
    sendCaptions(res, await this.recordings.find(id, 'public'), segments);
  }
}

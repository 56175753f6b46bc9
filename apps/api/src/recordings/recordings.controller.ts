import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { Allow } from '../auth/auth.decorators';
import { ApiPaged, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import {
  ChaptersQueryDto,
  ImportRecordingDto,
  PublicTranscriptSearchDto,
  RecordingsQueryDto,
  TranscriptQueryDto,
  UpdateRecordingDto,
} from './dto/recording.dto';
import { sendArchiveFile, sendCaptions, sendChapters } from './recording-media';
import { sendHlsFile } from './recording-hls';
import { RecordingsService } from './recordings.service';
import { TranscriptsService } from './transcripts.service';

/** The staff archive: every recording, whatever its status. */
@ApiTags('recordings')
@ApiBearerAuth()
@Allow('staff')
@Controller('recordings')
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly transcripts: TranscriptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recordings, newest first; q searches recording, panel and event titles' })
  @ApiPaged('RecordingView[]')
  async list(@Query() query: RecordingsQueryDto, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.recordings.list(query, 'staff'));
  }

  @Post('import')
  @ApiOperation({
    summary: 'Archive a video file recorded elsewhere (sourcePath relative to RECORDINGS_DIR)',
    description:
      'Answers the recording with status "processing"; recording:status follows when the worker is done. ' +
      'A path that resolves (links followed) outside RECORDINGS_DIR, or names no file, is refused with 400.',
  })
  import(@Body() dto: ImportRecordingDto) {
    return this.recordings.import(dto);
  }

  @Get('search')
  @ApiOperation({
    summary: 'Find words said in recordings: transcript lines, best match first, with their moment',
  })
  @ApiPaged('TranscriptSearchHit[]')
  async search(@Query() query: PublicTranscriptSearchDto, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.transcripts.search(query, 'staff'));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One recording' })
  get(@Param('id', UuidPipe) id: string) {
    return this.recordings.get(id, 'staff');
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Retitle, publish or unpublish a recording' })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateRecordingDto) {
    return this.recordings.update(id, dto);
  }

  @Post(':id/reprocess')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive the recording again from its source; answers it with status "processing"',
  })
  reprocess(@Param('id', UuidPipe) id: string) {
    return this.recordings.reprocess(id);
  }

  @Get(':id/video')
  @ApiOperation({ summary: 'The archived MP4, with HTTP range requests (206, 416)' })
  @ApiProduces('video/mp4')
  @ApiQuery({ name: 'download', required: false, description: '1: sent as an attachment' })
  @ApiResponse({ status: 206, description: 'The requested byte range' })
  @ApiResponse({ status: 416, description: 'The range is outside the file; Content-Range: bytes */size' })
  async video(
    @Param('id', UuidPipe) id: string,
    @Query('download') download: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const recording = await this.recordings.find(id, 'staff');
    await sendArchiveFile(req, res, this.config.archiveDir, recording, 'video', isTrue(download));
  }

  @Get(':id/poster')
  @ApiOperation({ summary: 'The poster image (JPEG)' })
  @ApiProduces('image/jpeg')
  async poster(@Param('id', UuidPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await sendArchiveFile(
      req,
      res,
      this.config.archiveDir,
      await this.recordings.find(id, 'staff'),
      'poster',
    );
  }

  @Get(':id/hls/:file')
  @ApiOperation({
    summary: 'The HLS package by id, staff: master.m3u8 (audio renditions per language) and its files',
  })
  async hlsMaster(@Param('id', UuidPipe) id: string, @Param('file') file: string, @Res() res: Response) {
    const recording = await this.recordings.find(id, 'staff');
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
    const recording = await this.recordings.find(id, 'staff');
    await sendHlsFile(res, this.config.archiveDir, recording, rendition, file);
  }

  @Get(':id/chapters.vtt')
  @ApiOperation({
    summary: 'The chapters as WebVTT (one cue per intervention); ?lang=fr gives them in French',
  })
  @ApiProduces('text/vtt')
  async chapters(@Param('id', UuidPipe) id: string, @Query() query: ChaptersQueryDto, @Res() res: Response) {
    const recording = await this.recordings.find(id, 'staff');
    sendChapters(res, recording, await this.recordings.chaptersIn(recording, query.lang));
  }
  @Get(':id/transcript')
  @ApiOperation({
    summary:
      'The transcript of one language, each line with who had the floor (404 when not transcribed, 409 until ready)',
  })
  transcript(@Param('id', UuidPipe) id: string, @Query() query: TranscriptQueryDto) {
    return this.transcripts.segments(id, query.lang, 'staff');
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
    const segments = await this.transcripts.segments(id, query.lang, 'staff');
    sendCaptions(res, await this.recordings.find(id, 'staff'), segments);
  }
}

export const isTrue = (flag: string | undefined) => flag === '1' || flag === 'true';

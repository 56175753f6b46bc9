import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PanelRefDto } from '../../live/dto/panel-ref.dto';

export const QUESTION_MAX_LENGTH = 1000;
export const ANSWER_MAX_LENGTH = 2000;

const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** `qa:ask`: the text is trimmed, then 1–1000 characters; `addressedTo` is one of the panel's panelists. */
export class AskQuestionDto extends PanelRefDto {
  @ApiProperty({ minLength: 1, maxLength: QUESTION_MAX_LENGTH })
  @Trimmed()
  @IsString()
  @Length(1, QUESTION_MAX_LENGTH, { message: `text must be 1 to ${QUESTION_MAX_LENGTH} characters` })
  text: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A panelist of this panel' })
  @IsOptional()
  @IsUUID('all', { message: 'addressedTo must be a UUID' })
  addressedTo?: string;
}

/** `qa:vote`, `qa:approve`, `qa:dismiss`, `qa:answered`. */
export class QuestionRefDto extends PanelRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'questionId must be a UUID' })
  questionId: string;
}

/** `qa:answer`: a written answer, trimmed, 1–2000 characters; it replaces any earlier one. */
export class AnswerQuestionDto extends QuestionRefDto {
  @ApiProperty({ minLength: 1, maxLength: ANSWER_MAX_LENGTH })
  @Trimmed()
  @IsString()
  @Length(1, ANSWER_MAX_LENGTH, { message: `text must be 1 to ${ANSWER_MAX_LENGTH} characters` })
  text: string;
}

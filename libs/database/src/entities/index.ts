import { BoothEntity } from './booth.entity';
import { BoothRelayEntity, BoothShiftEntity } from './booth-shift.entity';
import { AttendanceSampleEntity, PanelAttendeeEntity } from './attendance.entity';
import { DelegationEntity } from './delegation.entity';
import { EventEntity } from './event.entity';
import { FloorLogEntity } from './floor-log.entity';
import { InterventionEntity } from './intervention.entity';
import { InvitationEntity } from './invitation.entity';
import { MailAttachment, MailOutboxEntity } from './mail-outbox.entity';
import { PanelEntity } from './panel.entity';
import { ParticipantEntity } from './participant.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { QuestionEntity, QuestionVoteEntity } from './question.entity';
import { RecordingEntity } from './recording.entity';
import { TranscriptEntity, TranscriptSegmentEntity } from './transcript.entity';
import { UserEntity } from './user.entity';
import { WebhookEventEntity } from './webhook-event.entity';

export type { MailAttachment };

export {
  BoothEntity,
  BoothRelayEntity,
  BoothShiftEntity,
  AttendanceSampleEntity,
  PanelAttendeeEntity,
  DelegationEntity,
  EventEntity,
  FloorLogEntity,
  InterventionEntity,
  InvitationEntity,
  MailOutboxEntity,
  PanelEntity,
  ParticipantEntity,
  PasswordResetEntity,
  QuestionEntity,
  QuestionVoteEntity,
  RecordingEntity,
  TranscriptEntity,
  TranscriptSegmentEntity,
  UserEntity,
  WebhookEventEntity,
};

export const ENTITIES = [
  DelegationEntity,
  UserEntity,
  InvitationEntity,
  EventEntity,
  PanelEntity,
  InterventionEntity,
  QuestionEntity,
  QuestionVoteEntity,
  RecordingEntity,
  TranscriptEntity,
  TranscriptSegmentEntity,
  FloorLogEntity,
  WebhookEventEntity,
  PasswordResetEntity,
  BoothEntity,
  BoothShiftEntity,
  BoothRelayEntity,
  MailOutboxEntity,
  AttendanceSampleEntity,
  PanelAttendeeEntity,
  ParticipantEntity,
];
export { textSearchConfig, transcriptConfigSql } from './transcript.entity';
export type { TranscriptChunk } from './transcript.entity';

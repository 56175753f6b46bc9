import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { QUESTION_STATUSES, QuestionStatus } from '@rostrum/contracts';
import { oneOf } from './columns';
import { DelegationEntity } from './delegation.entity';
import { PanelEntity } from './panel.entity';
import { UserEntity } from './user.entity';

@Entity('questions')
@Check('CHK_questions_status', oneOf('status', QUESTION_STATUSES))
@Check('CHK_questions_text_length', `char_length("text") BETWEEN 1 AND 1000`)
@Check('CHK_questions_votes', `"votes" >= 0`)
@Index('IDX_questions_panel', ['panelId', 'status'])
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  panelId: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: PanelEntity;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  delegationId: string | null;

  @ManyToOne(() => DelegationEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: DelegationEntity | null;

  @Column({ type: 'uuid', nullable: true })
  addressedToId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'addressed_to_id' })
  addressedTo?: UserEntity | null;

  @Column({ type: 'varchar', length: 1000 })
  text: string;

  @Column({ type: 'varchar', length: 20 })
  status: QuestionStatus;

  /** Kept equal to the number of question_votes rows, in the same transaction. */
  @Column({ type: 'integer', default: 0 })
  votes: number;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answered_by_id' })
  answeredBy?: UserEntity | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}

/** One upvote; the primary key makes a second vote by the same user impossible. */
@Entity('question_votes')
export class QuestionVoteEntity {
  @PrimaryColumn({ type: 'uuid' })
  questionId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => QuestionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: QuestionEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

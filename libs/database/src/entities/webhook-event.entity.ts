import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** LiveKit webhook events already handled, by their event id: a redelivery is recognised and ignored. */
@Entity('livekit_webhook_events')
export class WebhookEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  event: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}

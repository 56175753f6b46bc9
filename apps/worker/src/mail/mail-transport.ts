import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@rostrum/config';

/** Messages in flight at once per worker: each holds one SMTP connection and one database connection. */
export const MAIL_CONCURRENCY = 8;

/**
 * The SMTP relay (SMTP_URL), through a pool of connections reused from mail to mail: a TLS handshake per
 * mail would cap the throughput. Timeouts bound an attempt so a silent relay cannot hold a job for ever.
 * Null when mail is off.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.transporter = config.mail.smtpUrl
      ? createTransport({
          url: config.mail.smtpUrl,
          pool: true,
          maxConnections: MAIL_CONCURRENCY,
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 60_000,
        } as Parameters<typeof createTransport>[0])
      : null;
  }

  get isOn(): boolean {
    return this.transporter !== null;
  }

  /** Resolves once the relay has accepted the message (250 after DATA); rejects with nodemailer's error. */
  async send(message: SendMailOptions): Promise<void> {
    if (!this.transporter) throw new Error('mail is off');
    await this.transporter.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ListMailbox } from './application/list-mailbox.query.js';
import { DependencyCircuit, circuitBreakerSettings } from '@eventmart/resilience';
import { MailDelivery, SMTP_CIRCUIT } from './application/mail-delivery.js';
import { MailSender } from './application/mail-sender.port.js';
import { NotificationRepository } from './application/notification.repository.port.js';
import { OrderMails } from './application/order-mails.handler.js';
import { UserProjection } from './application/user-projection.handler.js';
import { WelcomeMail } from './application/welcome-mail.handler.js';
import { NotificationRpcController } from './api/notification.rpc-controller.js';
import { KyselyNotificationRepository } from './infrastructure/kysely-notification.repository.js';
import { NodemailerMailSender } from './infrastructure/nodemailer-mail-sender.js';
import {
  DEFAULT_FROM,
  DEFAULT_NOTIFICATION_RETRY,
  type NotificationModuleOptions,
} from './notification-module.options.js';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/** E-mails to customers: the `notification` service, in schema `notification`. */
@Module({})
export class NotificationModule {
  static forRoot(options: NotificationModuleOptions = {}): DynamicModule {
    const retry = {
      ...DEFAULT_NOTIFICATION_RETRY,
      ...options.retry,
      backoff: { ...DEFAULT_NOTIFICATION_RETRY.backoff, ...options.retry?.backoff },
    };
    const circuit = circuitBreakerSettings('SMTP', options.circuitBreaker);
    return {
      module: NotificationModule,
      imports: [
        EventingModule.forFeature({
          service: 'notification',
          schema: 'notification',
          migrations: [migrations],
          retry,
        }),
      ],
      controllers: [NotificationRpcController],
      providers: [
        {
          provide: MailSender,
          useFactory: () =>
            new NodemailerMailSender({
              smtpUrl: options.smtpUrl,
              from: options.from ?? DEFAULT_FROM,
            }),
        },
        {
          provide: SMTP_CIRCUIT,
          useFactory: () => new DependencyCircuit('smtp', circuit, new Logger('notification')),
        },
        { provide: NotificationRepository, useClass: KyselyNotificationRepository },
        MailDelivery,
        UserProjection,
        WelcomeMail,
        OrderMails,
        ListMailbox,
      ],
      exports: [ListMailbox],
    };
  }
}

import { Rpc, type RpcResponse } from '@eventmart/contracts';
import { parseRpcRequest } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListMailbox } from '../application/list-mailbox.query.js';

/** The notification service's request/response API, called by the gateway. */
@Controller()
export class NotificationRpcController {
  constructor(private readonly listMailbox: ListMailbox) {}

  @MessagePattern(Rpc.listMailbox.name)
  async onListMailbox(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.listMailbox>> {
    const request = parseRpcRequest(Rpc.listMailbox, payload);
    const mails = await this.listMailbox.execute(request);
    return mails.map((mail) => ({
      id: mail.id,
      to: mail.to,
      subject: mail.subject,
      template: mail.template,
      text: mail.text,
      orderId: mail.orderId,
      sentAt: mail.sentAt.toISOString(),
    }));
  }
}

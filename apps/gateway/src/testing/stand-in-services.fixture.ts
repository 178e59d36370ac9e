import { Rpc } from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ShopState } from './shop-state.fixture.js';

// Small stand-ins for the services, answering the real patterns with the real schemas.

@Controller()
export class UsersStandIn {
  constructor(private readonly state: ShopState) {}

  @MessagePattern(Rpc.registerUser.name)
  register(@Payload() payload: unknown) {
    const input = parseRpcRequest(Rpc.registerUser, payload);
    if (this.state.userByEmail(input.email)) throw rpcFailure('CONFLICT', 'e-mail already used');
    const user = this.state.addUser({ ...input, role: 'customer' });
    this.state.mails.push({
      id: this.state.nextId('mail'),
      to: user.email,
      subject: 'Welcome',
      template: 'welcome',
      text: `Hello ${user.name}`,
      orderId: null,
      sentAt: new Date().toISOString(),
    });
    return user;
  }

  @MessagePattern(Rpc.login.name)
  login(@Payload() payload: unknown) {
    const { email, password } = parseRpcRequest(Rpc.login, payload);
    const user = this.state.userByEmail(email);
    if (user?.password !== password) throw rpcFailure('UNAUTHORIZED', 'wrong e-mail or password');
    const accessToken = `token-${user.view.id}`;
    this.state.tokens.set(accessToken, user.view.id);
    return { accessToken, user: user.view };
  }

  @MessagePattern(Rpc.verifyToken.name)
  verify(@Payload() payload: unknown) {
    const { token } = parseRpcRequest(Rpc.verifyToken, payload);
    const user = this.state.users.get(this.state.tokens.get(token) ?? '');
    if (!user) throw rpcFailure('UNAUTHORIZED', 'invalid token');
    return user.view;
  }
}

@Controller()
export class InventoryStandIn {
  constructor(private readonly state: ShopState) {}

  @MessagePattern(Rpc.listProducts.name)
  list() {
    switch (this.state.catalogueFault) {
      case 'crash':
        throw new Error('catalogue table is corrupt');
      case 'hang':
        return new Promise(() => undefined);
      case 'garbage':
        return [{ sku: 'MUG' }];
      default:
        return this.state.products;
    }
  }

  @MessagePattern(Rpc.getProducts.name)
  get(@Payload() payload: unknown) {
    const { skus } = parseRpcRequest(Rpc.getProducts, payload);
    return this.state.products.filter((product) => skus.includes(product.sku));
  }
}

@Controller()
export class NotificationStandIn {
  constructor(private readonly state: ShopState) {}

  @MessagePattern(Rpc.listMailbox.name)
  mailbox(@Payload() payload: unknown) {
    const { to, limit } = parseRpcRequest(Rpc.listMailbox, payload);
    const mails = this.state.mails.filter((mail) => to === undefined || mail.to === to);
    return mails.slice(0, limit ?? 100);
  }
}

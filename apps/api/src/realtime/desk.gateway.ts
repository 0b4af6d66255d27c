import { type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { ConversationQueryService, scopeOf } from '@app/inbox';
import { LiveHub } from '@app/realtime';

/**
 * socket.io on the API's own port, default path and namespace. Small client messages only (16 KiB); the hub
 * does the rest: handshake check, replay from lastSeq, rooms, presence, viewers.
 */
@WebSocketGateway({ maxHttpBufferSize: 16 * 1024, cors: { origin: true }, pingInterval: 10_000, pingTimeout: 5_000 })
export class DeskGateway implements OnGatewayInit<Server>, OnGatewayConnection<Socket>, OnGatewayDisconnect<Socket> {
  constructor(
    private readonly hub: LiveHub,
    private readonly conversations: ConversationQueryService,
  ) {}

  afterInit(server: Server): void {
    this.hub.attach(server, async (user, conversationId) =>
      this.conversations.get(scopeOf(user), conversationId).then(
        () => true,
        () => false,
      ),
    );
  }

  handleConnection(socket: Socket): Promise<void> {
    return this.hub.connected(socket);
  }

  handleDisconnect(socket: Socket): Promise<void> {
    return this.hub.disconnected(socket);
  }
}

import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  AccessToken,
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  RoomServiceClient,
  ServerError,
  VideoGrant,
  WebhookReceiver,
} from 'livekit-server-sdk';
import { FakeLiveKitServer } from './fake-livekit-server';

describe('FakeLiveKitServer', () => {
  let sut: FakeLiveKitServer;
  let rooms: RoomServiceClient;
  let egress: EgressClient;

  beforeEach(async () => {
    sut = await FakeLiveKitServer.start();
    rooms = new RoomServiceClient(sut.url, sut.apiKey, sut.apiSecret, { failover: false });
    egress = new EgressClient(sut.url, sut.apiKey, sut.apiSecret, { failover: false });
  });
  afterEach(() => sut.stop());

  /** A raw Twirp call with a hand-made grant, as a misconfigured client would send it. */
  async function callWith(grant: VideoGrant, method: string, body: object) {
    const token = new AccessToken(sut.apiKey, sut.apiSecret, { ttl: '1m' });
    token.addGrant(grant);
    const res = await fetch(`${sut.url}/twirp/livekit.RoomService/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token.toJwt()}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  }

  it('should answer the SDK in protobuf JSON, int64 and enums included', async () => {
    const room = await rooms.createRoom({ name: 'r1', emptyTimeout: 60 });
    expect(room).toMatchObject({ name: 'r1', emptyTimeout: 60 });
    expect(typeof room.creationTime).toBe('bigint');
    const started = await egress.startRoomCompositeEgress('r1', {
      file: new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: '/rec/r1/' }),
    });
    expect(started.status).toBe(EgressStatus.EGRESS_STARTING);
    await sut.finishEgress(started.egressId);
    const [ended] = await egress.listEgress({ egressId: started.egressId });
    expect(ended.status).toBe(EgressStatus.EGRESS_COMPLETE);
    expect(ended.fileResults[0].filename).toMatch(/^\/rec\/r1\/r1-\d{4}-\d\d-\d\dT\d{6}\.mp4$/);
    expect(ended.endedAt).toBeGreaterThan(0n);
    expect(await egress.listEgress({ active: true })).toEqual([]);
  });

  it('should refuse a token signed with another secret with 401 unauthenticated', async () => {
    const stranger = new RoomServiceClient(sut.url, sut.apiKey, 'another-secret-0123456789-abcdefghijk', {
      failover: false,
    });
    await expect(stranger.listRooms()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('should check each call’s grant like the server: roomCreate, and roomAdmin for that very room', async () => {
    const noCreate = await callWith({ roomList: true }, 'CreateRoom', { name: 'x' });
    expect(noCreate).toEqual({
      status: 403,
      type: 'application/json',
      body: { code: 'permission_denied', msg: expect.any(String) },
    });
    await rooms.createRoom({ name: 'b' });
    const otherRoom = await callWith({ roomAdmin: true, room: 'a' }, 'ListParticipants', { room: 'b' });
    expect(otherRoom.status).toBe(403);
    const sameRoom = await callWith({ roomAdmin: true, room: 'b' }, 'ListParticipants', { room: 'b' });
    expect(sameRoom).toMatchObject({ status: 200, body: { participants: [] } });
  });

  it('should answer not_found for a participant that is not in the room', async () => {
    await rooms.createRoom({ name: 'r2' });
    const err = await rooms
      .updateParticipant('r2', 'nobody', { permission: { canPublish: true } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('should keep a participant’s attributes and permission from its token, and update them like the server', async () => {
    const token = new AccessToken(sut.apiKey, sut.apiSecret, {
      identity: 'amelie',
      attributes: { role: 'interpreter', language: 'fr' },
    });
    token.addGrant({ roomJoin: true, room: 'booth', canPublish: true, canUpdateOwnMetadata: false });
    const joined = await sut.join(await token.toJwt());
    expect(joined.attributes).toEqual({ role: 'interpreter', language: 'fr' });
    expect(joined.permission).toMatchObject({ canPublish: true, canUpdateMetadata: false });
    expect(sut.publishers('booth')).toEqual(['amelie']);

    // Only the attribute keys sent change; the permission is replaced whole.
    const updated = await rooms.updateParticipant('booth', 'amelie', {
      attributes: { note: 'relay' },
      permission: { canSubscribe: true, canPublish: false },
    });
    expect(updated.attributes).toEqual({ role: 'interpreter', language: 'fr', note: 'relay' });
    expect(sut.publishers('booth')).toEqual([]);

    // A reconnect comes back with what the token grants, as LiveKit does.
    await sut.reconnect('booth', 'amelie', await token.toJwt());
    expect(sut.publishers('booth')).toEqual(['amelie']);
    expect(sut.participant('booth', 'amelie')!.attributes).toEqual({ role: 'interpreter', language: 'fr' });
  });

  it('should refuse connections while stopped and keep its state when resumed', async () => {
    await rooms.createRoom({ name: 'kept' });
    await sut.stop();
    await expect(rooms.listRooms()).rejects.toThrow(/fetch failed/);
    await sut.resume();
    expect((await rooms.listRooms()).map((r) => r.name)).toEqual(['kept']);
  });

  it('should post webhooks signed exactly as LiveKit signs them', async () => {
    const received: { req: IncomingMessage; body: string }[] = [];
    const sink = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ req, body });
        res.end();
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    try {
      sut.webhookUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
      await rooms.createRoom({ name: 'r3' });
      const started = await egress.startRoomCompositeEgress('r3', {
        file: new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: '/rec/r3.mp4' }),
      });
      await sut.finishEgress(started.egressId);

      const [{ req, body }] = received;
      expect(req.headers['content-type']).toBe('application/webhook+json');
      expect(req.headers.authorization).not.toMatch(/^Bearer/);
      const event = await new WebhookReceiver(sut.apiKey, sut.apiSecret).receive(
        body,
        req.headers.authorization,
      );
      expect(event).toMatchObject({ event: 'egress_ended', id: expect.stringMatching(/^EV_/) });
      expect(event.egressInfo).toMatchObject({
        egressId: started.egressId,
        status: EgressStatus.EGRESS_COMPLETE,
      });
      await expect(
        new WebhookReceiver(sut.apiKey, sut.apiSecret).receive(`${body} `, req.headers.authorization),
      ).rejects.toThrow(/sha256/);
    } finally {
      await new Promise((r) => sink.close(r));
    }
  });
});

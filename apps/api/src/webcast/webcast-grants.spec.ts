import { TrackSource } from 'livekit-server-sdk';
import { delegatePermission, joinGrant, panelIdOfRoom, participantRole, roomNameOf } from './webcast-grants';

const PANEL = '4b8f6a0e-2f7c-4c1e-9a53-0f3c1d2e5a6b';

describe('joinGrant', () => {
  it('should let presenters publish camera, microphone and screen share', () => {
    const sut = joinGrant('presenter', 'room');
    expect(sut).toMatchObject({ roomJoin: true, room: 'room', canPublish: true, canSubscribe: true });
    expect(sut.canPublishSources).toEqual([
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
      TrackSource.SCREEN_SHARE,
      TrackSource.SCREEN_SHARE_AUDIO,
    ]);
  });

  it('should keep delegates, viewers and the public from publishing media, and hide only the public', () => {
    expect(joinGrant('delegate', 'r')).toMatchObject({
      canPublish: false,
      canPublishData: true,
      hidden: false,
    });
    expect(joinGrant('viewer', 'r')).toMatchObject({
      canPublish: false,
      canPublishData: false,
      hidden: false,
    });
    expect(joinGrant('public', 'r')).toMatchObject({
      canPublish: false,
      canPublishData: false,
      hidden: true,
    });
  });

  it('should not share the sources array between grants', () => {
    joinGrant('speaker', 'r').canPublishSources!.push(TrackSource.SCREEN_SHARE);
    expect(joinGrant('speaker', 'r').canPublishSources).toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE]);
  });
});

describe('delegatePermission', () => {
  it('should carry every permission field whether or not the delegate holds the floor', () => {
    for (const speaking of [true, false]) {
      expect(Object.keys(delegatePermission(speaking)).sort()).toEqual(
        ['canPublish', 'canPublishData', 'canPublishSources', 'canSubscribe', 'hidden'].sort(),
      );
    }
    expect(delegatePermission(true)).toMatchObject({
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(delegatePermission(false)).toMatchObject({ canPublish: false, canPublishSources: [] });
  });
});

describe('room names and participant roles', () => {
  it('should derive the room from the panel id and back', () => {
    expect(panelIdOfRoom(roomNameOf(PANEL))).toBe(PANEL);
    expect(panelIdOfRoom('lobby')).toBeNull();
    expect(panelIdOfRoom(undefined)).toBeNull();
  });

  it('should read the role label from metadata, and nothing from foreign metadata', () => {
    expect(participantRole('{"role":"delegate"}')).toBe('delegate');
    expect(participantRole('not json')).toBeNull();
    expect(participantRole('')).toBeNull();
    expect(participantRole('{"role":3}')).toBeNull();
  });
});

import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QUEUES } from '@rostrum/contracts';
import { InterventionEntity, PanelEntity, UserEntity } from '@rostrum/database';
import { eventually, makePanel, makeUser, startWebcastTestApi, WebcastTestApi } from '@rostrum/test-harness';
import type { SpeakerChange } from '../src/common/app-events';
import { WebcastFloorService } from '../src/webcast/webcast-floor.service';

const CAMERA = 1;
const MICROPHONE = 2;

describe('the floor drives the webcast microphone (e2e)', () => {
  let kit: WebcastTestApi;
  let moderator: UserEntity;
  let panel: PanelEntity;
  let room: string;

  beforeAll(async () => {
    kit = await startWebcastTestApi();
    moderator = await makeUser(kit.api.db, 'moderator');
    panel = await makePanel(kit.api.db, { moderators: [moderator] });
    room = `panel-${panel.id}`;
    await kit.panelAction('start', panel.id, moderator);
  });
  afterAll(() => kit.close());

  /** A delegate in the room, joined with the token the API gave them. */
  async function joinedDelegate(): Promise<UserEntity> {
    const delegate = await makeUser(kit.api.db, 'delegate');
    await kit.livekit.join((await kit.joinToken(panel.id, delegate)).token);
    return delegate;
  }

  const interventions = () => kit.api.db.getRepository(InterventionEntity);

  /** What the floor writes when it gives the floor; returns the intervention id. */
  async function giveFloor(delegate: UserEntity): Promise<string> {
    const saved = await interventions().save({
      panelId: panel.id,
      delegateId: delegate.id,
      delegationId: delegate.delegationId,
      kind: 'statement',
      status: 'speaking',
      startedAt: new Date(),
      allottedSeconds: 60,
    });
    return saved.id;
  }

  const endFloor = (interventionId: string, endReason = 'ended') =>
    interventions().update(interventionId, { status: 'done', endedAt: new Date(), endReason });

  const speakerChanged = (change: Omit<SpeakerChange, 'panelId'>) =>
    kit.api.app.get(WebcastFloorService).speakerChanged({ panelId: panel.id, ...change });

  const permissionOf = (user: UserEntity) => kit.livekit.participant(room, user.id)!.permission!;

  it('should give the granted delegate camera and microphone, sending the whole permission', async () => {
    const speaker = await joinedDelegate();
    const listener = await joinedDelegate();
    expect(permissionOf(speaker).canPublish).toBe(false);

    const interventionId = await giveFloor(speaker);
    const before = kit.livekit.callsTo('UpdateParticipant').length;
    const outcome = await speakerChanged({ granted: { userId: speaker.id, interventionId }, revoked: null });

    expect(outcome).toEqual({ webcastError: null });
    expect(permissionOf(speaker)).toMatchObject({
      canSubscribe: true,
      canPublish: true,
      canPublishData: true,
      canPublishSources: [CAMERA, MICROPHONE],
    });
    expect(permissionOf(listener).canPublish).toBe(false);
    const [call] = kit.livekit.callsTo('UpdateParticipant').slice(before);
    expect(call).toMatchObject({
      room,
      identity: speaker.id,
      permission: {
        canSubscribe: true,
        canPublish: true,
        canPublishData: true,
        canPublishSources: ['CAMERA', 'MICROPHONE'],
      },
    });

    await endFloor(interventionId);
    expect(await speakerChanged({ granted: null, revoked: { userId: speaker.id, interventionId } })).toEqual({
      webcastError: null,
    });
    expect(permissionOf(speaker)).toMatchObject({
      canSubscribe: true,
      canPublish: false,
      canPublishData: true,
      canPublishSources: [],
    });
  });

  it('should move the rights from one speaker to the next in one change, and take them back at time-up', async () => {
    const first = await joinedDelegate();
    const second = await joinedDelegate();
    const firstTurn = await giveFloor(first);
    await speakerChanged({ granted: { userId: first.id, interventionId: firstTurn }, revoked: null });

    await endFloor(firstTurn, 'replaced');
    const secondTurn = await giveFloor(second);
    await speakerChanged({
      granted: { userId: second.id, interventionId: secondTurn },
      revoked: { userId: first.id, interventionId: firstTurn },
    });
    expect(permissionOf(first).canPublish).toBe(false);
    expect(permissionOf(second).canPublish).toBe(true);

    // autoEndOnTimeUp: the floor ends the speech and calls the same hook.
    await endFloor(secondTurn, 'time_up');
    await speakerChanged({ granted: null, revoked: { userId: second.id, interventionId: secondTurn } });
    expect(permissionOf(second).canPublish).toBe(false);
  });

  it('should report no error when the granted delegate is not in the room (their token will carry the rights)', async () => {
    const absent = await makeUser(kit.api.db, 'delegate');
    const turn = await giveFloor(absent);
    expect(
      await speakerChanged({ granted: { userId: absent.id, interventionId: turn }, revoked: null }),
    ).toEqual({ webcastError: null });
    await endFloor(turn);
  });

  it('should tell the moderator when LiveKit is down, then apply the rights once it is back', async () => {
    const speaker = await joinedDelegate();
    await kit.livekit.stop();
    const turn = await giveFloor(speaker);
    const outcome = await speakerChanged({
      granted: { userId: speaker.id, interventionId: turn },
      revoked: null,
    });
    expect(outcome.webcastError).toMatch(/did not follow the floor.*unreachable/);

    await kit.livekit.resume();
    await eventually(() => permissionOf(speaker).canPublish);
    await endFloor(turn);
    await speakerChanged({ granted: null, revoked: { userId: speaker.id, interventionId: turn } });
    expect(permissionOf(speaker).canPublish).toBe(false);
  });

  it('should never give the rights back to a finished speaker when a late retry runs', async () => {
    const speaker = await joinedDelegate();
    const sync = kit.api.app.get<Queue>(getQueueToken(QUEUES.webcastSync));
    await kit.livekit.stop();
    const turn = await giveFloor(speaker);
    const granted = await speakerChanged({
      granted: { userId: speaker.id, interventionId: turn },
      revoked: null,
    });
    await endFloor(turn, 'cut_off');
    const revoked = await speakerChanged({
      granted: null,
      revoked: { userId: speaker.id, interventionId: turn },
    });
    expect(granted.webcastError).not.toBeNull();
    expect(revoked.webcastError).not.toBeNull();
    const pending = await sync.getJobs(['waiting', 'delayed', 'active']);
    expect(pending.filter((j) => j.data.userIds?.includes(speaker.id))).toHaveLength(2);

    const before = kit.livekit.callsTo('UpdateParticipant').length;
    await kit.livekit.resume();
    // Both retries ran, each re-reading the floor: the speech is over, so neither grants.
    await eventually(
      () =>
        kit.livekit
          .callsTo('UpdateParticipant')
          .slice(before)
          .filter((c) => c.identity === speaker.id).length >= 2,
    );
    const calls = kit.livekit
      .callsTo('UpdateParticipant')
      .slice(before)
      .filter((c) => c.identity === speaker.id);
    expect(calls.every((c) => !c.permission.canPublish)).toBe(true);
    expect(permissionOf(speaker).canPublish).toBe(false);
  });

  it('should align a delegate who rejoins with a token minted while speaking, once the speech is over', async () => {
    const delegate = await makeUser(kit.api.db, 'delegate');
    const turn = await giveFloor(delegate);
    const minted = await kit.joinToken(panel.id, delegate);
    expect(minted.canPublish).toBe(true);
    await endFloor(turn);
    await speakerChanged({ granted: null, revoked: { userId: delegate.id, interventionId: turn } });

    await kit.livekit.join(minted.token); // participant_joined → the API checks the floor
    expect(permissionOf(delegate).canPublish).toBe(false);
  });
});

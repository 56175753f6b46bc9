import type {
  Ack,
  DelegationView,
  InterventionKind,
  PanelSnapshot,
  QuestionView,
  Role,
} from '@rostrum/contracts';
import { intervention } from '../../src/test-support/fixtures';
import { LiveStandIn, type ReceivedCommand } from './live-stand-in';

export interface Person {
  id: string;
  name: string;
  role: Role;
  delegation: DelegationView | null;
}

const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
const fail = (code: 'NOT_FOUND' | 'QUEUE_EMPTY' | 'NO_SPEAKER', message: string): Ack<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * A panel played by the socket stand-in, following the contract's rules closely enough to drive the pages:
 * requests join the queue (points of order ahead), grants start the clock, Q&A moderation and votes, and every
 * change goes out as a `panel:state` with the next version. Actors are named ("delegate", "moderator"…).
 */
export class ScriptedPanel {
  readonly live = new LiveStandIn((command) => this.answer(command));
  /** When set, moderator commands' acks carry it, as when the webcast failed to follow the floor. */
  webcastError: string | null = null;
  private readonly votes = new Map<string, Set<string>>();

  constructor(
    public state: PanelSnapshot,
    public questions: QuestionView[],
    private readonly people: Record<string, Person>,
  ) {}

  get panelId(): string {
    return this.state.panelId;
  }

  /** Changes the state as the server would, and broadcasts it with the next version. */
  publish(change: Partial<PanelSnapshot> = {}): PanelSnapshot {
    this.state = withWaits({
      ...this.state,
      ...change,
      version: this.state.version + 1,
      serverTime: new Date().toISOString(),
    });
    this.live.emit('panel:state', this.state);
    return this.state;
  }

  grant(interventionId: string, seconds?: number): PanelSnapshot {
    const item = this.state.queue.find((i) => i.id === interventionId)!;
    const allotted = seconds ?? 180;
    const now = new Date().toISOString();
    return this.publish({
      speaker: { ...item, status: 'speaking', startedAt: now, allottedSeconds: allotted },
      clock: {
        allottedSeconds: allotted,
        startedAt: now,
        pausedAt: null,
        pausedSeconds: 0,
        remainingSeconds: allotted,
      },
      queue: this.state.queue.filter((i) => i.id !== interventionId),
    });
  }

  private answer(c: ReceivedCommand): Ack<unknown> | undefined {
    const p = c.payload as Record<string, string & number>;
    const withWarning = (s: PanelSnapshot) =>
      ok(this.webcastError ? { ...s, webcastError: this.webcastError } : s);
    switch (c.name) {
      case 'panel:join':
        return ok({
          ...withWaits({ ...this.state, serverTime: new Date().toISOString() }),
          questions: this.visibleTo(c.who),
        });
      case 'panel:leave':
        return ok({});
      case 'floor:request': {
        const person = this.people[c.who];
        const kind = p.kind as InterventionKind;
        const item = intervention(this.panelId, { delegate: person, delegation: person.delegation }, kind, {
          note: p.note ?? null,
        });
        const queue = [...this.state.queue];
        const at =
          kind === 'point_of_order' ? queue.filter((i) => i.kind === 'point_of_order').length : queue.length;
        queue.splice(at, 0, item);
        this.publish({ queue });
        return ok({ intervention: item, position: at + 1, estimatedWaitSeconds: 240 });
      }
      case 'floor:withdraw':
        this.publish({ queue: this.state.queue.filter((i) => i.id !== p.interventionId) });
        return ok({});
      case 'floor:grant':
        if (!this.state.queue.some((i) => i.id === p.interventionId))
          return fail('NOT_FOUND', 'Not in the queue');
        return withWarning(this.grant(p.interventionId, p.seconds));
      case 'floor:next':
        if (!this.state.queue[0]) return fail('QUEUE_EMPTY', 'The queue is empty');
        return withWarning(this.grant(this.state.queue[0].id, p.seconds));
      case 'floor:end':
        if (!this.state.speaker) return fail('NO_SPEAKER', 'No one has the floor');
        return withWarning(this.publish({ speaker: null, clock: null }));
      case 'floor:pause':
        return ok(this.publish({ clock: { ...this.state.clock!, pausedAt: new Date().toISOString() } }));
      case 'floor:resume': {
        const clock = this.state.clock!;
        const paused = (Date.now() - Date.parse(clock.pausedAt!)) / 1000;
        return ok(
          this.publish({ clock: { ...clock, pausedAt: null, pausedSeconds: clock.pausedSeconds + paused } }),
        );
      }
      case 'floor:extend': {
        const clock = this.state.clock!;
        return ok(this.publish({ clock: { ...clock, allottedSeconds: clock.allottedSeconds + p.seconds } }));
      }
      case 'queue:move': {
        const queue = this.state.queue.filter((i) => i.id !== p.interventionId);
        queue.splice(
          p.toIndex,
          0,
          this.state.queue.find((i) => i.id === p.interventionId)!,
        );
        return ok(this.publish({ queue }));
      }
      case 'queue:remove':
        return ok(this.publish({ queue: this.state.queue.filter((i) => i.id !== p.interventionId) }));
      case 'queue:open':
      case 'queue:close':
        return ok(this.publish({ queueOpen: c.name === 'queue:open' }));
      case 'qa:approve':
      case 'qa:dismiss':
      case 'qa:answered': {
        const status = (
          { 'qa:approve': 'approved', 'qa:dismiss': 'dismissed', 'qa:answered': 'answered' } as const
        )[c.name];
        return ok(this.updateQuestion(p.questionId, { status }));
      }
      case 'qa:vote': {
        const voters = this.votes.get(p.questionId) ?? new Set<string>();
        const voted = !voters.delete(c.who);
        if (voted) voters.add(c.who);
        this.votes.set(p.questionId, voters);
        const q = this.questions.find((x) => x.id === p.questionId)!;
        const votes = q.votes + (voted ? 1 : -1);
        this.questions = this.questions.map((x) => (x.id === q.id ? { ...x, votes } : x));
        this.live.emit('qa:votes', { panelId: this.panelId, votes: { [q.id]: votes } });
        return ok({ questionId: q.id, votes, voted });
      }
      default:
        return undefined;
    }
  }

  private updateQuestion(id: string, change: Partial<QuestionView>): QuestionView {
    this.questions = this.questions.map((q) => (q.id === id ? { ...q, ...change } : q));
    const updated = this.questions.find((q) => q.id === id)!;
    this.live.emit('qa:question', updated);
    return updated;
  }

  /** Pending questions only to moderators and their author, as the contract says. */
  private visibleTo(who: string): QuestionView[] {
    const person = this.people[who];
    if (person?.role === 'moderator' || person?.role === 'admin') return this.questions;
    return this.questions.filter(
      (q) => (q.status !== 'pending' && q.status !== 'dismissed') || q.author.id === person?.id,
    );
  }
}

/** Each waiting request's estimated wait as the server gives it (no correction factor here: none finished). */
function withWaits(state: PanelSnapshot): PanelSnapshot {
  let ahead = Math.max(0, state.clock?.remainingSeconds ?? 0);
  const queue = state.queue.map((item) => {
    const estimatedWaitSeconds = Math.round(ahead);
    ahead += item.allottedSeconds ?? (item.kind === 'point_of_order' ? 60 : 180);
    return { ...item, estimatedWaitSeconds };
  });
  return { ...state, queue };
}

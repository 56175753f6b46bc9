import { ROOMS } from '@rostrum/contracts';
import { canSee, roomsForChange, transition, voteRefusal } from './qa-rules';

const panelId = 'p1';
const author = 'u-author';
const moderator = { userId: 'u-mod', moderator: true };
const delegate = { userId: 'u-other', moderator: false };
const viewer = { userId: null, moderator: false };

describe('Q&A rules', () => {
  describe('transition', () => {
    it('should approve pending and dismissed questions, and change nothing when already approved', () => {
      expect(transition('qa:approve', 'pending', true)).toBe('approved');
      expect(transition('qa:approve', 'dismissed', true)).toBe('approved');
      expect(transition('qa:approve', 'approved', true)).toBe('same');
    });

    it('should refuse with CONFLICT when the transition makes no sense', () => {
      expect(() => transition('qa:approve', 'answered', true)).toThrow(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
      expect(() => transition('qa:dismiss', 'answered', true)).toThrow(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
      expect(() => transition('qa:answered', 'dismissed', true)).toThrow(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
      expect(() => transition('qa:answer', 'dismissed', true)).toThrow(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
    });

    it('should let a written answer replace an earlier one, and only moderators answer before approval', () => {
      expect(transition('qa:answer', 'answered', false)).toBe('answered');
      expect(transition('qa:answer', 'approved', false)).toBe('answered');
      expect(transition('qa:answer', 'pending', true)).toBe('answered');
      expect(() => transition('qa:answer', 'pending', false)).toThrow(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
    });
  });

  describe('visibility', () => {
    it('should show pending and dismissed questions to moderators and the author only', () => {
      for (const status of ['pending', 'dismissed'] as const) {
        const q = { status, authorId: author };
        expect(canSee(q, moderator, true)).toBe(true);
        expect(canSee(q, { userId: author, moderator: false }, true)).toBe(true);
        expect(canSee(q, delegate, true)).toBe(false);
        expect(canSee(q, viewer, true)).toBe(false);
      }
    });

    it('should show published questions to public viewers only when publicQa is on', () => {
      for (const status of ['approved', 'answered'] as const) {
        const q = { status, authorId: author };
        expect(canSee(q, delegate, false)).toBe(true);
        expect(canSee(q, viewer, true)).toBe(true);
        expect(canSee(q, viewer, false)).toBe(false);
      }
    });

    it('should send a change to whoever sees the question now or saw it before', () => {
      const pending = { status: 'pending' as const, authorId: author };
      const approved = { status: 'approved' as const, authorId: author };
      const dismissed = { status: 'dismissed' as const, authorId: author };
      const few = [ROOMS.panelModerators(panelId), ROOMS.user(author)];
      expect(roomsForChange(panelId, null, pending, true)).toEqual(few);
      expect(roomsForChange(panelId, pending, approved, true)).toEqual([...few, ROOMS.panel(panelId)]);
      expect(roomsForChange(panelId, pending, approved, false)).toEqual([
        ...few,
        ROOMS.panelMembers(panelId),
      ]);
      expect(roomsForChange(panelId, approved, dismissed, true)).toEqual([...few, ROOMS.panel(panelId)]);
      expect(roomsForChange(panelId, pending, dismissed, true)).toEqual(few);
    });
  });

  describe('votes', () => {
    it('should take votes on approved questions only, and hide what the voter may not see', () => {
      expect(voteRefusal({ status: 'approved', authorId: author }, delegate)).toBeNull();
      expect(voteRefusal(null, delegate)).toMatchObject({ code: 'NOT_FOUND' });
      expect(voteRefusal({ status: 'pending', authorId: author }, delegate)).toMatchObject({
        code: 'NOT_FOUND',
      });
      // The author sees their own question in every state, and may never vote for it.
      for (const status of ['pending', 'approved', 'answered', 'dismissed'] as const) {
        expect(voteRefusal({ status, authorId: author }, { userId: author, moderator: false })).toMatchObject(
          {
            code: 'FORBIDDEN',
          },
        );
      }
      expect(voteRefusal({ status: 'answered', authorId: author }, delegate)).toMatchObject({
        code: 'CONFLICT',
      });
    });
  });
});

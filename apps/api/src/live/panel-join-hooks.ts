import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import type { PanelAudience } from './live-socket';

export interface PanelJoinContext {
  panelId: string;
  audience: PanelAudience;
  user: AuthUser | null;
}
type JoinPart = (ctx: PanelJoinContext) => Promise<object>;

/**
 * What `panel:join` answers is put together by the features: the floor adds its snapshot, Q&A the questions
 * this client may see. Each registers a part at start-up; the parts are merged over `{ questions: [] }`.
 */
@Injectable()
export class PanelJoinHooks {
  private readonly parts: JoinPart[] = [];

  add(part: JoinPart): void {
    this.parts.push(part);
  }

  async answer(ctx: PanelJoinContext): Promise<object> {
    const parts = await Promise.all(this.parts.map((part) => part(ctx)));
    return Object.assign({ questions: [] }, ...parts);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QuestionView } from '@rostrum/contracts';
import { notFound } from '../common/app-error';
import { ListQueryDto, Page } from '../common/list-query';
import { questionsCsv } from './qa-csv';
import { allQuestions, toQuestionView } from './qa-queries';

/** A panel's questions in every state, for staff and the panel's moderators: as JSON or as CSV. */
@Injectable()
export class QaReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A page of the questions; the CSV export below stays whole. */
  async list(panelId: string, page: ListQueryDto): Promise<Page<QuestionView>> {
    await this.panelTitle(panelId);
    const [{ total }]: { total: number }[] = await this.db.query(
      'SELECT count(*)::int AS total FROM questions WHERE panel_id = $1',
      [panelId],
    );
    return { items: (await allQuestions(this.db.manager, panelId, page)).map(toQuestionView), total };
  }

  async csv(panelId: string): Promise<{ filename: string; body: string }> {
    const title = await this.panelTitle(panelId);
    const body = questionsCsv(await allQuestions(this.db.manager, panelId));
    const day = new Date().toISOString().slice(0, 10);
    return { filename: `questions-${slug(title)}-${day}.csv`, body };
  }

  private async panelTitle(panelId: string): Promise<string> {
    const [panel]: { title: string }[] = await this.db.query('SELECT title FROM panels WHERE id = $1', [
      panelId,
    ]);
    if (!panel) throw notFound('Panel');
    return panel.title;
  }
}

/** An ASCII file-name part from a title (any script): letters and digits, dashes between words. */
function slug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || 'panel';
}

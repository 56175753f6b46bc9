import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QuestionView } from '@rostrum/contracts';
import { notFound } from '../common/app-error';
import { downloadName } from '../common/file-names';
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
    return { filename: downloadName('questions', title, 'csv'), body };
  }

  private async panelTitle(panelId: string): Promise<string> {
    const [panel]: { title: string }[] = await this.db.query('SELECT title FROM panels WHERE id = $1', [
      panelId,
    ]);
    if (!panel) throw notFound('Panel');
    return panel.title;
  }
}

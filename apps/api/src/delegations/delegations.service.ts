import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DelegationDetails, ImportReport } from '@rostrum/contracts';
import { DelegationEntity } from '@rostrum/database';
import { AppError, notFound } from '../common/app-error';
import { countRowErrors, ImportFailed, parseCsv, runImport } from '../common/csv-import';
import { ListQueryDto, Page } from '../common/list-query';
import { validateRow } from '../common/validate-row';
import { CreateDelegationDto, MEMBER_STATE_CODE, UpdateDelegationDto } from './dto/create-delegation.dto';

export const toDelegationView = (d: DelegationEntity): DelegationDetails => ({
  id: d.id,
  name: d.name,
  kind: d.kind,
  code: d.code,
  region: d.region,
});

const MEMBER_STATE_MESSAGE = 'code must be an ISO 3166-1 alpha-3 code (three letters) for a member state';
const IMPORT_COLUMNS = ['name', 'kind', 'code', 'region'] as const;

@Injectable()
export class DelegationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(dto: CreateDelegationDto): Promise<DelegationDetails> {
    checkMemberStateCode(dto);
    const repo = this.db.getRepository(DelegationEntity);
    if (await repo.existsBy({ code: dto.code }))
      throw new AppError('CONFLICT', `A delegation with code ${dto.code} exists`);
    return toDelegationView(await repo.save(repo.create({ ...dto, region: dto.region ?? null })));
  }

  async update(id: string, dto: UpdateDelegationDto): Promise<DelegationDetails> {
    const repo = this.db.getRepository(DelegationEntity);
    const delegation = await repo.findOneBy({ id });
    if (!delegation) throw notFound('Delegation');
    for (const field of ['name', 'kind', 'code'] as const) {
      if (dto[field] === null) throw new AppError('VALIDATION_FAILED', `${field} may not be null`);
    }
    const next = { ...delegation, ...definedOnly(dto) };
    checkMemberStateCode(next);
    if (next.code !== delegation.code && (await repo.existsBy({ code: next.code }))) {
      throw new AppError('CONFLICT', `A delegation with code ${next.code} exists`);
    }
    return toDelegationView(await repo.save(next));
  }

  async list({ limit, offset }: ListQueryDto): Promise<Page<DelegationDetails>> {
    const [rows, total] = await this.db
      .getRepository(DelegationEntity)
      .findAndCount({ order: { name: 'ASC', id: 'ASC' }, skip: offset, take: limit });
    return { items: rows.map(toDelegationView), total };
  }

  /**
   * `name,kind,code,region`: new codes are created, existing ones updated; any bad row → nothing is
   * written. A row identical to the delegation already there is `skipped`.
   */
  async import(body: unknown, dryRun: boolean): Promise<ImportReport> {
    const { rows, errors } = parseCsv(body, IMPORT_COLUMNS);
    const valid: { line: number; dto: CreateDelegationDto }[] = [];
    const seen = new Map<string, number>();
    for (const { line, cells } of rows) {
      const { value, errors: rowErrors } = validateRow(
        CreateDelegationDto,
        { ...cells, region: cells.region || undefined },
        line,
      );
      if (!rowErrors.length && value.kind === 'member_state' && !MEMBER_STATE_CODE.test(value.code)) {
        rowErrors.push({ row: line, field: 'code', message: MEMBER_STATE_MESSAGE });
      }
      if (!rowErrors.length && seen.has(value.code)) {
        rowErrors.push({
          row: line,
          field: 'code',
          message: `${value.code} is already on line ${seen.get(value.code)}`,
        });
      }
      errors.push(...rowErrors);
      if (rowErrors.length) continue;
      seen.set(value.code, line);
      valid.push({ line, dto: value });
    }
    return runImport(dryRun, () =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(DelegationEntity);
        const existing = new Map(
          (await repo.findBy({ code: In(valid.map((v) => v.dto.code)) })).map((d) => [d.code, d]),
        );
        const report: ImportReport = {
          rows: rows.length + countRowErrors(errors),
          valid: valid.length,
          created: 0,
          updated: 0,
          skipped: 0,
          errors,
        };
        const writes: DelegationEntity[] = [];
        for (const { dto } of valid) {
          const found = existing.get(dto.code);
          const region = dto.region ?? null;
          if (!found) {
            report.created++;
            writes.push(repo.create({ ...dto, region }));
          } else if (found.name === dto.name && found.kind === dto.kind && found.region === region) {
            report.skipped++;
          } else {
            report.updated!++;
            writes.push(Object.assign(found, { name: dto.name, kind: dto.kind, region }));
          }
        }
        if (errors.length) throw new ImportFailed(report);
        if (!dryRun) await repo.save(writes, { chunk: 500 });
        return dryRun ? { ...report, created: 0, updated: 0 } : report;
      }),
    );
  }
}

function checkMemberStateCode(d: { kind?: string; code?: string }) {
  if (d.kind === 'member_state' && d.code && !MEMBER_STATE_CODE.test(d.code)) {
    throw new AppError('VALIDATION_FAILED', MEMBER_STATE_MESSAGE);
  }
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';

/** CONTRACT.md, "Lists": every list answers at most this many items per request. */
export const LIST_LIMIT = { default: 100, max: 500 } as const;

/** `?limit=&offset=` of every list route; a route's own filters extend it. */
export class ListQueryDto {
  @ApiPropertyOptional({ default: LIST_LIMIT.default, minimum: 1, maximum: LIST_LIMIT.max })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be from 1 to ${LIST_LIMIT.max}` })
  @Max(LIST_LIMIT.max, { message: `limit must be from 1 to ${LIST_LIMIT.max}` })
  limit: number = LIST_LIMIT.default;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must not be negative' })
  @Max(2 ** 31 - 1, { message: 'offset is too large' })
  offset: number = 0;
}

/** One page of a list and the size of the whole list. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** The page of an array already in memory (short lists computed whole, e.g. per-delegation statistics). */
export const pageOf = <T>(all: T[], { limit, offset }: ListQueryDto): Page<T> => ({
  items: all.slice(offset, offset + limit),
  total: all.length,
});

/** Answers the page as the bare array the route always answered, with its total in `X-Total-Count`. */
export function sendPage<T>(res: Response, page: Page<T>): T[] {
  res.setHeader('X-Total-Count', String(page.total));
  return page.items;
}

/** OpenAPI for a paged list route. */
export const ApiPaged = (description: string) =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: `${description}. At most \`limit\` items from \`offset\`; the whole list's size in X-Total-Count.`,
      headers: {
        'X-Total-Count': { description: 'How many items the whole list has', schema: { type: 'integer' } },
      },
    }),
  );

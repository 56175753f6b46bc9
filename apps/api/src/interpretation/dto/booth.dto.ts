import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

/** `PUT /api/events/:id/booths/:language`: the booth's interpreters, replacing the previous list. */
export class PutBoothDto {
  @ApiProperty({ type: [String], description: 'Users with the interpreter role; [] empties the booth' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'interpreterIds must not repeat an interpreter' })
  @IsUUID('all', { each: true, message: 'interpreterIds must be UUIDs' })
  interpreterIds: string[];
}

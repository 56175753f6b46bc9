import { Module } from '@nestjs/common';
import { AttendanceJoins } from './attendance-joins';
import { AttendanceSampler } from './attendance.sampler';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Attendance (sampled from presence, and who joined) and the panel and event reports built on it. */
@Module({
  controllers: [ReportsController],
  providers: [AttendanceSampler, AttendanceJoins, ReportsService],
})
export class ReportsModule {}

import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795252559253 } from './1795252559253-InitialSchema';
import { RecordOfProceedings1795400000000 } from './1795400000000-RecordOfProceedings';
import { OneOpenRequestOfEachSort1796270914762 } from './1796270914762-OneOpenRequestOfEachSort';
import { SessionsAndHashedCodes1796271097509 } from './1796271097509-SessionsAndHashedCodes';
import { MailOutbox1796280335301 } from './1796280335301-MailOutbox';
import { Accreditation1796280383278 } from './1796280383278-Accreditation';
import { AttendanceAndRegions1796280410441 } from './1796280410441-AttendanceAndRegions';
import { Transcripts1796280533198 } from './1796280533198-Transcripts';
import { ContentTranslations1796282685713 } from './1796282685713-ContentTranslations';
import { InterpretersAndBooths1796284813799 } from './1796284813799-InterpretersAndBooths';
import { RecordingChannels1796290000000 } from './1796290000000-RecordingChannels';
import { TranscriptSearchVector1796291770192 } from './1796291770192-TranscriptSearchVector';
import { BoothShifts1796291826091 } from './1796291826091-BoothShifts';
import { DiplomaticListOfSpeakers1796291867573 } from './1796291867573-DiplomaticListOfSpeakers';

/** Every migration, in order. Listed explicitly so the same code runs from ts (tests) and compiled js. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795252559253,
  RecordOfProceedings1795400000000,
  OneOpenRequestOfEachSort1796270914762,
  SessionsAndHashedCodes1796271097509,
  MailOutbox1796280335301,
  Accreditation1796280383278,
  AttendanceAndRegions1796280410441,
  Transcripts1796280533198,
  ContentTranslations1796282685713,
  InterpretersAndBooths1796284813799,
  RecordingChannels1796290000000,
  TranscriptSearchVector1796291770192,
  BoothShifts1796291826091,
  DiplomaticListOfSpeakers1796291867573,
];

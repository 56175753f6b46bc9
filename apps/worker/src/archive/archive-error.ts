/** A failure whose message a member of staff can read as is (it becomes the row's `error`). */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

import { StreamableFile } from '@nestjs/common';

/** An ASCII file-name part from a title (any script): letters and digits, dashes between words. */
export function slug(title: string, fallback = 'panel'): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || fallback;
}

/** `<kind>-<slug of title>-<YYYY-MM-DD>.<ext>`: the name a download is saved under. */
export function downloadName(kind: string, title: string, ext: string): string {
  return `${kind}-${slug(title)}-${new Date().toISOString().slice(0, 10)}.${ext}`;
}

/** A CSV body sent as a download under its file name. */
export function csvDownload({ filename, body }: { filename: string; body: string }): StreamableFile {
  return new StreamableFile(Buffer.from(body, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}

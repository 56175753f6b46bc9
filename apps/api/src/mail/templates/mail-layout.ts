import type { MailAttachment } from '@rostrum/database';

/** A mail ready for the outbox: both bodies and any files. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of user content (names, titles) goes through this before it reaches an HTML body. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** Paragraphs (already escaped HTML) in a plain, client-proof frame: one column, inline styles only. */
export function htmlDocument(lang: string, title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${p}</p>`).join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,'Noto Sans',sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:600px;margin:0 auto">
${body}
</div>
</body>
</html>
`;
}

/** A link as a button-like anchor; the address also in full, for clients that hide the target. */
export const htmlLink = (href: string): string => {
  const safe = escapeHtml(href);
  return `<a href="${safe}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">${safe}</a>`;
};

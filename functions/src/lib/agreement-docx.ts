/**
 * The 人民调解协议书 as a .docx (Office Open XML): the body from domain/agreement-doc.ts, zipped
 * here with jszip (no template, no download at run time).
 */
import JSZip from 'jszip';
import { type AgreementDoc, DOCX_CONTENT_TYPES, DOCX_RELS, agreementDocumentXml } from '../domain';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function agreementDocx(a: AgreementDoc): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', DOCX_CONTENT_TYPES);
  zip.file('_rels/.rels', DOCX_RELS);
  zip.file('word/document.xml', agreementDocumentXml(a));
  // A fixed date: the same agreement gives the same bytes.
  for (const f of Object.values(zip.files)) f.date = new Date(Date.UTC(2026, 0, 1));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

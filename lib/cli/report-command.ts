/**
 * `sg-replica report <design...>`: writes each design's Markdown report and
 * prints its short version. Reports designs that do not fit too (that is when
 * the report matters most), and then exits 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import { assessDesign, DesignAssessment } from '../assessment/assess-design';
import { Design } from '../design/model';
import { expiryAnchor } from '../replica/expiry-anchor';
import { replicaMetadata } from '../replica/metadata';
import { renderReport, Report } from '../report/render-report';

/**
 * The report of one design, with its expiry anchored as synth anchors it;
 * with the Markdown section of a verification when given (`sg-replica verify`).
 */
export function designReport(design: Design, file: string, assessment: DesignAssessment = assessDesign(design), verification?: string): Report {
  const { finalValues, capacity, cost, kustomize } = assessment;
  const metadata = replicaMetadata(design, expiryAnchor(file).createdAt);
  return renderReport({ design, metadata, finalValues, capacity, cost, ...(kustomize && { kustomize }), ...(verification !== undefined && { verification }) });
}

/** Writes `<dir>/<name>.md`; returns the path written. */
export function writeReport(report: Report, dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.md`);
  fs.writeFileSync(file, report.markdown);
  return file;
}

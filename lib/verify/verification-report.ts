/**
 * A verification as people and CI read it: terminal lines (one per
 * decision, with the reasons under a deviation), the dated Markdown evidence
 * (`verification.md`), the section the design report includes, and JSON.
 * Pure and deterministic.
 */
import { Decision, DECISION_FAMILIES, DecisionStatus, FAMILY_TITLES, tally } from './decision';
import type { Verification } from './verify-replica';

const MARK: Readonly<Record<DecisionStatus, string>> = { confirmed: '✓', deviates: '✗', unchecked: '?' };

/**
 * Text from the cluster (event messages, names, annotations) with control
 * characters replaced: a hostile or broken cluster must not drive the
 * terminal (ANSI escapes) or break a Markdown line.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
const WORD: Readonly<Record<DecisionStatus, string>> = { confirmed: 'confirmed', deviates: 'deviates', unchecked: 'could not check' };

function counts(v: Verification): string {
  const t = tally(v.decisions);
  return `${t.confirmed} confirmed, ${t.deviates} deviate${t.deviates === 1 ? 's' : ''}, ${t.unchecked} could not be checked`;
}

/** One line: `acme-prod on arn:aws:eks:…:cluster/acme-prod (https://…), Kubernetes v1.33.5-eks-…` */
export function targetLine(v: Verification): string {
  return `${v.design.name} (${v.designFile}) on context ${v.target.context} (${v.target.server})${v.serverVersion ? `, Kubernetes ${v.serverVersion}` : ''}`;
}

/** The verdict in one sentence. */
export function verdictLine(v: Verification): string {
  const t = tally(v.decisions);
  if (t.deviates) return `✗ ${t.deviates} decision${t.deviates === 1 ? '' : 's'} deviate${t.deviates === 1 ? 's' : ''} from the design (${counts(v)})`;
  if (t.unchecked) return `? no deviation found, but ${t.unchecked} decision${t.unchecked === 1 ? '' : 's'} could not be checked (${counts(v)})`;
  return `✓ the replica runs as designed: all ${t.confirmed} decisions confirmed`;
}

/** Terminal output: a header, the decisions by family, the verdict. */
export function terminalLines(v: Verification): string[] {
  const lines = [`Verifying ${targetLine(v)}`];
  for (const note of v.notes) lines.push(`note: ${note}`);
  for (const family of DECISION_FAMILIES) {
    const ds = v.decisions.filter((d) => d.family === family);
    if (ds.length === 0) continue;
    lines.push(FAMILY_TITLES[family]);
    for (const d of ds) {
      lines.push(`  ${MARK[d.status]} ${d.title}: ${d.summary}`);
      if (d.status !== 'confirmed') for (const r of d.reasons) if (r !== d.summary) lines.push(`      ${r}`);
    }
  }
  lines.push(verdictLine(v));
  return lines.map(printable);
}

function cell(text: string): string {
  return printable(text).replace(/\|/g, '\\|');
}

function decisionRows(decisions: readonly Decision[]): string[] {
  return [
    '| Result | Decision | Found |',
    '| --- | --- | --- |',
    ...decisions.map((d) => `| ${MARK[d.status]} ${WORD[d.status]} | ${cell(d.title)} | ${cell(d.status === 'confirmed' ? d.summary : d.reasons.join('; '))} |`),
  ];
}

/** `verification.md`: dated evidence of what ran on which cluster, decision by decision. */
export function verificationMarkdown(v: Verification): string {
  const out: string[] = [];
  out.push(`# Verification of replica \`${v.design.name}\` for ${v.design.customer}`, '');
  out.push(`Checked **${v.checkedAt}** by \`sg-replica verify\` against the design \`${v.designFile}\`.`, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Cluster (kubeconfig context) | \`${cell(v.target.context)}\` |`);
  out.push(`| API server | ${cell(v.target.server)}${v.serverVersion ? `, Kubernetes ${v.serverVersion}` : ''} |`);
  out.push(`| Namespace | ${v.design.sourcegraph.namespace} |`);
  out.push(`| Verdict | ${cell(verdictLine(v))} |`, '');
  for (const note of v.notes) out.push(`> ${printable(note)}`, '');
  out.push('## Decisions', '', ...decisionRows(v.decisions), '');
  for (const family of DECISION_FAMILIES) {
    const ds = v.decisions.filter((d) => d.family === family);
    if (ds.length === 0) continue;
    out.push(`## ${FAMILY_TITLES[family]}`, '');
    for (const d of ds) {
      out.push(`### ${MARK[d.status]} ${printable(d.title)}`, '', `**${WORD[d.status]}** (\`${d.id}\`): ${printable(d.summary)}`, '');
      if (d.status !== 'confirmed') for (const r of d.reasons) out.push(`- ${printable(r)}`);
      if (d.status !== 'confirmed' && d.reasons.length) out.push('');
      if (d.evidence.length) {
        out.push('<details><summary>What was looked at</summary>', '');
        for (const e of d.evidence) out.push(`- ${printable(e)}`);
        out.push('', '</details>', '');
      }
    }
  }
  out.push('## What verify cannot see', '');
  out.push(
    '- Rules that live outside Kubernetes: security group and Cloud Armor rules, IAM policies, the managed databases\' own settings. Verify checks what references them (annotations, BackendConfig, Secrets, service-account identities) and that the pods using them are up.',
    '- Anything after this moment: a verification is a snapshot; run it again after a change.',
  );
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The section the design report includes: the verdict, the decisions, a link to the evidence. */
export function reportSection(v: Verification, evidenceLink: string): string {
  return [
    `Verified **${v.checkedAt}** on cluster \`${cell(v.target.context)}\`${v.serverVersion ? ` (Kubernetes ${v.serverVersion})` : ''}: ${verdictLine(v)}. Evidence: [${evidenceLink}](${evidenceLink}).`,
    '',
    ...decisionRows(v.decisions),
  ].join('\n');
}

/** `--json`: everything, for CI. */
export function verificationJson(v: Verification): unknown {
  return {
    design: { name: v.design.name, file: v.designFile, customer: v.design.customer },
    target: v.target,
    checkedAt: v.checkedAt,
    serverVersion: v.serverVersion ?? null,
    exitCode: v.exitCode,
    summary: tally(v.decisions),
    notes: v.notes,
    decisions: v.decisions,
  };
}

/**
 * Literal text in Terraform configuration. Pure: no cdktf.
 *
 * Every string in a synthesized `cdk.tf.json` is a Terraform template, read
 * twice before it reaches a provider:
 *
 * 1. by cdktf at synth, which replaces token markers (`${TfToken[TOKEN.n]}`,
 *    `#{TfToken[…]}`, `&{TfToken[…]}` and encoded numbers such as
 *    `-8.1e+298`) with references to other resources;
 * 2. by Terraform, which evaluates `${…}` interpolations and `%{…}`
 *    directives (`${file("/etc/hostname")}` reads a file into the plan).
 *
 * A string a user wrote (a Helm value from an override file, say) must pass
 * both unchanged. {@link terraformLiteral} rewrites the few character
 * sequences either reader would act on into interpolations of string
 * literals, which Terraform evaluates back to exactly the original text:
 * every `$`, `%`, `#` or `&` directly before a `{` becomes `${"$"}`, `${"%"}`,
 * … (a run of them is rewritten whole, so `$${` cannot turn into Terraform's
 * own escape), and the exponent of a number cdktf would read as a token
 * becomes `${"e"}`. Text without those sequences is returned as it is.
 */

/** Characters that start a template sequence (Terraform: `$`, `%`; cdktf token markers: `$`, `#`, `&`) when a `{` follows. */
const SEQUENCE_BEFORE_BRACE = /[$%#&]+(?=\{)/g;
/** What cdktf scans for encoded number tokens (`NUMBER_TOKEN_REGEX` in cdktf's tokens/private/encoding). */
const NUMBER_LIKE = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
/** The top 16 bits cdktf sets in a double that encodes a number token, or a list-of-numbers token. */
const TOKEN_DOUBLE_MARKERS = [0xfdff, 0xfbff];

function interpolated(char: string): string {
  return `\${"${char}"}`;
}

/** True when cdktf would read `text` (a number as written) as one of its encoded number tokens. */
function looksLikeNumberToken(text: string): boolean {
  const value = Number.parseFloat(text);
  if (!Number.isFinite(value)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return TOKEN_DOUBLE_MARKERS.includes(view.getUint16(0));
}

/**
 * `text` written so that cdktf and Terraform both leave it as it is: after
 * Terraform evaluates the result, it equals `text` exactly.
 */
export function terraformLiteral(text: string): string {
  // Sequences first: the interpolations they insert hold no digits, so the number pass cannot split them, and the
  // `${"e"}` it inserts follows a digit or '.', never a '$' or '%'.
  return text
    .replace(SEQUENCE_BEFORE_BRACE, (run) => [...run].map(interpolated).join(''))
    .replace(NUMBER_LIKE, (match) => (looksLikeNumberToken(match) ? match.replace(/e/g, interpolated('e')) : match));
}

/** A cdktf string, list or map token marker. */
const TOKEN_MARKER = /[$#&]\{TfToken\[[a-zA-Z0-9:._-]+\]\}/;

/**
 * True when a value sg-replica built holds a cdktf token (a reference to
 * another resource): a string with a token marker, an encoded number token,
 * or a list or map holding one. Only for values sg-replica generated: a
 * user's string may be spelled like a token and is a literal all the same.
 */
export function holdsCdktfToken(value: unknown): boolean {
  if (typeof value === 'string') return TOKEN_MARKER.test(value) || [...value.matchAll(NUMBER_LIKE)].some((m) => looksLikeNumberToken(m[0]));
  if (typeof value === 'number') return looksLikeNumberToken(String(value));
  if (Array.isArray(value)) return value.some(holdsCdktfToken);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => holdsCdktfToken(k) || holdsCdktfToken(v));
  return false;
}

/** True when `text` passes cdktf and Terraform unchanged as it is (no escaping needed). */
export function isTerraformLiteral(text: string): boolean {
  return terraformLiteral(text) === text;
}

/** The inverse of {@link terraformLiteral}: the text Terraform evaluates an escaped literal to. */
export function fromTerraformLiteral(escaped: string): string {
  return escaped.replace(/\$\{"([$%#&e])"\}/g, '$1');
}

/**
 * The packages sg-replica needs only for one cloud: optional peer
 * dependencies (package.json `peerDependenciesMeta`), so an AWS-only team
 * does not install Google's 300 MB of provider bindings, nor a GKE team
 * AWS's. They load when first used (a design on that cloud, a construct of
 * that cloud, `expired`/`leftovers` on AWS); when one is missing, the error
 * names it and the command that installs it. The versions are the ones
 * package.json pins (test/catalog/optional-dependencies.test.ts checks).
 */

/** An optional peer dependency and what needs it. */
export interface OptionalDependency {
  readonly version: string;
  /** What needs it, for the message: `AWS designs and constructs`. */
  readonly neededFor: string;
}

export const OPTIONAL_DEPENDENCIES: Readonly<Record<string, OptionalDependency>> = {
  '@cdktf/provider-aws': { version: '20.1.0', neededFor: 'AWS designs and the AWS constructs' },
  '@cdktf/provider-google': { version: '16.12.1', neededFor: 'GCP designs and the GCP constructs' },
  '@aws-sdk/client-resource-groups-tagging-api': { version: '3.1142.0', neededFor: '`sg-replica expired` and `leftovers` on AWS' },
  '@aws-sdk/client-ec2': { version: '3.1142.0', neededFor: '`sg-replica leftovers` and the API tunnel on AWS' },
  '@aws-sdk/client-elastic-load-balancing-v2': { version: '3.1142.0', neededFor: '`sg-replica leftovers` on AWS' },
  '@aws-sdk/client-cloudwatch-logs': { version: '3.1142.0', neededFor: '`sg-replica leftovers` on AWS' },
};

/** An optional peer dependency is not installed; the message says how to install it. */
export class MissingOptionalDependencyError extends Error {
  constructor(readonly packageName: string) {
    const dep = OPTIONAL_DEPENDENCIES[packageName];
    super(
      `${packageName} is not installed: sg-replica needs it for ${dep?.neededFor ?? 'this'} and leaves it optional for teams on one cloud. ` +
        `Install it next to sg-replica: npm install ${packageName}@${dep?.version ?? 'latest'}`,
    );
    this.name = 'MissingOptionalDependencyError';
  }
}

/** The optional package a "Cannot find module" error is about, if any. */
export function missingOptionalPackage(error: unknown): string | undefined {
  const e = error as { code?: string; message?: string };
  if (e?.code !== 'MODULE_NOT_FOUND' || typeof e.message !== 'string') return undefined;
  const [, wanted] = /Cannot find module '([^']+)'/.exec(e.message) ?? [];
  return Object.keys(OPTIONAL_DEPENDENCIES).find((name) => wanted === name || wanted?.startsWith(`${name}/`));
}

/**
 * Runs `load` (a `require` of code that needs optional packages); a missing
 * optional package becomes a {@link MissingOptionalDependencyError}, any other
 * error is rethrown as it is.
 */
export function loadOptional<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    const missing = missingOptionalPackage(error);
    if (missing) throw new MissingOptionalDependencyError(missing);
    throw error;
  }
}

/**
 * A class loaded on first use through {@link loadOptional}: `new`, `extends`,
 * `instanceof` and static members work as on the class itself, and importing
 * the module that holds it loads nothing. What the package entry point
 * exports for the constructs of one cloud.
 */
export function lazyClass<T extends abstract new (...args: never[]) => unknown>(load: () => T): T {
  let loaded: T | undefined;
  const real = (): T => (loaded ??= loadOptional(load));
  // The target must be a constructor for `new` and `extends`; every operation goes to the real class.
  type Constructor = new (...args: unknown[]) => object;
  const proxy: T = new Proxy(function lazy() {} as unknown as T, {
    construct: (_target, args, newTarget) => Reflect.construct(real() as unknown as Constructor, args, newTarget === proxy ? (real() as unknown as Constructor) : newTarget),
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  return proxy;
}

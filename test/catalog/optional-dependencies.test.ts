import * as fs from 'fs';
import * as path from 'path';
import { lazyClass, loadOptional, MissingOptionalDependencyError, missingOptionalPackage, OPTIONAL_DEPENDENCIES } from '../../lib/catalog/optional-dependencies';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

function notFound(module: string): Error {
  return Object.assign(new Error(`Cannot find module '${module}'\nRequire stack:\n- /x.js`), { code: 'MODULE_NOT_FOUND' });
}

describe('OPTIONAL_DEPENDENCIES', () => {
  it('are exactly package.json\'s optional peer dependencies, at its pinned versions, installed for development', () => {
    const optional = Object.keys(pkg.peerDependenciesMeta).filter((name) => pkg.peerDependenciesMeta[name].optional);
    expect(Object.keys(OPTIONAL_DEPENDENCIES).sort()).toEqual(optional.sort());
    for (const [name, dep] of Object.entries(OPTIONAL_DEPENDENCIES)) {
      expect([name, pkg.peerDependencies[name], pkg.devDependencies[name]]).toEqual([name, dep.version, dep.version]);
      expect(pkg.dependencies[name]).toBeUndefined();
    }
  });
});

describe('loadOptional', () => {
  it('names a missing optional package and how to install it', () => {
    expect(missingOptionalPackage(notFound('@cdktf/provider-google/lib/container-cluster'))).toBe('@cdktf/provider-google');
    expect(() => loadOptional(() => { throw notFound('@cdktf/provider-aws/lib/vpc'); })).toThrow(
      new MissingOptionalDependencyError('@cdktf/provider-aws'),
    );
    expect(new MissingOptionalDependencyError('@cdktf/provider-aws').message).toBe(
      '@cdktf/provider-aws is not installed: sg-replica needs it for AWS designs and the AWS constructs and leaves it optional for teams on one cloud. Install it next to sg-replica: npm install @cdktf/provider-aws@20.1.0',
    );
  });

  it('rethrows anything else as it is', () => {
    const other = notFound('./some-file');
    expect(() => loadOptional(() => { throw other; })).toThrow(other);
    expect(loadOptional(() => 42)).toBe(42);
  });
});

describe('lazyClass', () => {
  class Base {
    constructor(readonly x: number) {}
    static kind(): string {
      return 'base';
    }
  }

  it('loads on first use; new, extends, instanceof and statics behave as the class', () => {
    let loads = 0;
    const Lazy = lazyClass(() => {
      loads++;
      return Base;
    });
    expect(loads).toBe(0);
    const a = new Lazy(2);
    class Sub extends Lazy {
      constructor() {
        super(5);
      }
    }
    const b = new Sub();
    expect([loads, a instanceof Base, a instanceof Lazy, a.x, b instanceof Sub, b instanceof Base, b.x, Lazy.kind()]).toEqual([1, true, true, 2, true, true, 5, 'base']);
  });

  it('says which package to install when the class needs a missing one', () => {
    const Lazy = lazyClass((): typeof Base => { throw notFound('@cdktf/provider-google/lib/provider'); });
    expect(() => new Lazy(1)).toThrow(/^@cdktf\/provider-google is not installed: .*npm install @cdktf\/provider-google@16\.12\.1$/);
  });
});

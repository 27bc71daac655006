/** Checking the design files of one run: every problem printed, names that would collide refused. */
import * as path from 'path';
import { checkDesignFiles } from '../../lib/checks/check-design-files';

const designs = path.join(__dirname, '..', '..', 'examples', 'designs');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('checkDesignFiles', () => {
  it('checks each file, printing warnings to out and errors to err', () => {
    const { out, err, io } = capture();
    const { ok, checked } = checkDesignFiles([path.join(designs, 'acme-prod.yaml'), path.join(designs, 'no-such.yaml')], io);
    expect(ok).toBe(false);
    expect(checked.map((c) => [path.basename(c.file), c.design?.name])).toEqual([['acme-prod.yaml', 'acme-prod'], ['no-such.yaml', undefined]]);
    expect(checked[0].assessment?.capacity.outcome).toBe('ok');
    expect(err).toEqual([expect.stringMatching(/no-such\.yaml file not found$/)]);
    expect(out.every((l) => / warning: /.test(l))).toBe(true);
  });

  it('refuses two designs of one name: their stack ids would collide', () => {
    const { err, io } = capture();
    const file = path.join(designs, 'acme-prod.yaml');
    expect(checkDesignFiles([file, file], io).ok).toBe(false);
    expect(err).toEqual([`${file}: name "acme-prod" is also used by ${file}: stack ids would collide`]);
  });
});

describe('a failure inside sg-replica while checking one file (issue 17)', () => {
  it('is a problem naming that file and asking for a bug report, and the other files are still checked', () => {
    let check!: typeof checkDesignFiles;
    jest.isolateModules(() => {
      jest.doMock('../../lib/design/rules', () => {
        const actual = jest.requireActual('../../lib/design/rules');
        return {
          ...actual,
          checkRules: (design: { name: string }, ...rest: unknown[]) => {
            if (design.name === 'initech-trial') throw new TypeError('Cannot read properties of undefined (simulated)');
            return actual.checkRules(design, ...rest);
          },
        };
      });
      check = (jest.requireActual('../../lib/checks/check-design-files') as typeof import('../../lib/checks/check-design-files')).checkDesignFiles;
    });
    const { err, io } = capture();
    const files = ['initech-minimal.yaml', 'acme-prod.yaml', 'no-such.yaml'].map((f) => path.join(designs, f));
    const { ok, checked } = check(files, io);
    expect(ok).toBe(false);
    expect(checked.map((c) => c.design?.name)).toEqual([undefined, 'acme-prod', undefined]);
    expect(err).toEqual([
      `${files[0]} sg-replica failed while checking this file (Cannot read properties of undefined (simulated)): this is a bug in sg-replica, not in the file; please report it with the file attached`,
      expect.stringMatching(/no-such\.yaml file not found$/),
    ]);
  });
});

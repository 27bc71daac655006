import * as fs from 'fs';
import * as path from 'path';
import { loadDesign } from '../../lib/checks/check-design';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'designs', 'initech-minimal.yaml');
const OUT = path.join(__dirname, '..', '..', '.tmp', 'synthesize-tests');

describe('synthesizeReplicas when a construct refuses a design validation accepted (issue 17)', () => {
  it('names the design file and asks for a bug report, and writes nothing', () => {
    let synthesize!: typeof import('../../lib/cli/synthesize').synthesizeReplicas;
    jest.isolateModules(() => {
      jest.doMock('../../stacks/replica-app', () => ({
        addReplica: () => {
          throw new Error('GkeCluster: name must not end with "-"');
        },
      }));
      synthesize = (jest.requireActual('../../lib/cli/synthesize') as typeof import('../../lib/cli/synthesize')).synthesizeReplicas;
    });
    fs.rmSync(OUT, { recursive: true, force: true });
    const design = loadDesign(EXAMPLE);
    expect(() => synthesize([{ file: EXAMPLE, design }], { outdir: OUT })).toThrow(
      `${EXAMPLE}: the replica's stacks could not be built (GkeCluster: name must not end with "-"); validation accepted this design, so this is a bug in sg-replica: please report it with the design file`,
    );
    expect(fs.existsSync(OUT) ? fs.readdirSync(OUT) : []).toEqual([]);
  });
});

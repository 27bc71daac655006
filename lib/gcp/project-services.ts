import { Construct, IConstruct } from 'constructs';
import { ProjectService } from '../providers/google';
import { everythingDependsOn } from '../terraform/everything-depends-on';
import type { GcpApi } from './required-apis';

/** Properties of {@link ProjectServices}. */
export interface ProjectServicesProps {
  /** The project the APIs are enabled in. */
  readonly project: string;
  /** The APIs (`requiredGcpApis(...)`). The bootstrap ones are declared too: enabling an enabled API is a no-op. */
  readonly apis: readonly GcpApi[];
}

/**
 * The project APIs a replica needs, enabled with `google_project_service`,
 * and never disabled again: `disable_on_destroy = false`, so `cdktf destroy`
 * only forgets them (google 6.50.0 `resourceGoogleProjectServiceDelete`
 * returns without an API call), and another replica or anything else in the
 * sandbox project that uses the same API keeps working. Enabling an API that
 * is already enabled makes no call either (`resourceGoogleProjectServiceCreate`
 * finds it in the enabled list).
 *
 * {@link ProjectServices.before} makes every other resource of a scope wait
 * for them, so nothing is created against a disabled API.
 */
export class ProjectServices extends Construct {
  /** One `google_project_service` per API, by service name. */
  public readonly services: ReadonlyMap<string, ProjectService>;

  constructor(scope: Construct, id: string, props: ProjectServicesProps) {
    super(scope, id);
    const seen = new Set<string>();
    for (const api of props.apis) {
      if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(api.service)) {
        throw new Error(`ProjectServices: "${api.service}" is not a service name such as container.googleapis.com`);
      }
      if (seen.has(api.service)) throw new Error(`ProjectServices: "${api.service}" is listed twice`);
      seen.add(api.service);
    }
    if (seen.size === 0) throw new Error('ProjectServices: no APIs given');
    this.services = new Map(
      props.apis.map((api) => [
        api.service,
        new ProjectService(this, api.service.split('.')[0], {
          project: props.project,
          service: api.service,
          disableOnDestroy: false,
          disableDependentServices: false,
        }),
      ]),
    );
  }

  /**
   * Makes every other resource in `scope` (a stack, typically) depend on
   * these APIs, at synth time: resources added later are covered too.
   * Data sources are left alone (the replica's read nothing the APIs gate
   * before they exist).
   */
  public before(scope: IConstruct): void {
    everythingDependsOn(scope, [...this.services.values()], [this]);
  }
}

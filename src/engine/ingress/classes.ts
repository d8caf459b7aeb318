// Which Ingresses a controller serves (Kubernetes docs, Ingress "Ingress class" and
// "Default IngressClass"; deprecated annotation kubernetes.io/ingress.class).
import type { Cluster } from '../model/cluster.js';
import { cachedFor } from '../model/cluster.js';
import type { ControllerName } from '../model/request.js';
import type { Ingress, IngressClass } from '../model/resources.js';
import type { ReasonCode } from '../trace/reasons.js';

export interface ControllerProfile {
  name: ControllerName;
  title: string;
  /** IngressClass spec.controller values this controller owns; empty for the portable `spec` model */
  controllerStrings: string[];
  /** values of the legacy kubernetes.io/ingress.class annotation it accepts (its --ingress-class) */
  legacyClassNames: string[];
  /**
   * Serves an Ingress that names no class at all (no ingressClassName, no annotation, no
   * default IngressClass). Traefik does with its default settings (shouldProcessIngress:
   * the annotation value "" equals providers.kubernetesIngress.ingressClass, empty by
   * default); ingress-nginx and HAProxy Ingress only with --watch-ingress-without-class.
   */
  servesClassless?: boolean;
  /**
   * An ingressClassName is served only when an IngressClass of that name for this controller
   * exists (Traefik's shouldProcessIngress); with no IngressClass in the manifests RouteLab
   * still assumes it, and says that the real controller would serve nothing.
   */
  needsClassObject?: boolean;
  /**
   * The kubernetes.io/ingress.class annotation, when set, decides and spec.ingressClassName
   * is ignored (F5 NGINX Ingress Controller, HasCorrectIngressClass: "the annotation takes
   * precedence over the field").
   */
  annotationWins?: boolean;
  /** address its LoadBalancer Service gets in the simulation (RFC 5737 TEST-NET-3) */
  simulatedAddress: string;
  docs: string;
}

export const CONTROLLER_PROFILES: Record<ControllerName, ControllerProfile> = {
  spec: {
    name: 'spec',
    title: 'Kubernetes Ingress specification (portable semantics)',
    controllerStrings: [],
    legacyClassNames: [],
    simulatedAddress: '203.0.113.10',
    docs: 'https://kubernetes.io/docs/concepts/services-networking/ingress/',
  },
  'ingress-nginx': {
    name: 'ingress-nginx',
    title: 'ingress-nginx',
    controllerStrings: ['k8s.io/ingress-nginx'],
    // --ingress-class defaults to "nginx" (ingress-nginx docs, "Multiple Ingress controllers")
    legacyClassNames: ['nginx'],
    simulatedAddress: '203.0.113.20',
    docs: 'https://kubernetes.github.io/ingress-nginx/',
  },
  traefik: {
    name: 'traefik',
    title: 'Traefik',
    controllerStrings: ['traefik.io/ingress-controller'],
    // providers.kubernetesIngress.ingressClass; the legacy annotation value "traefik" (Traefik Ingress provider docs)
    legacyClassNames: ['traefik'],
    // pkg/provider/kubernetes/ingress/kubernetes.go shouldProcessIngress (v3.7)
    servesClassless: true,
    needsClassObject: true,
    simulatedAddress: '203.0.113.30',
    docs: 'https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/ingress/',
  },
  haproxy: {
    name: 'haproxy',
    title: 'HAProxy Ingress',
    controllerStrings: ['haproxy-ingress.github.io/controller'],
    // --ingress-class defaults to "haproxy" (HAProxy Ingress docs, command-line options)
    legacyClassNames: ['haproxy'],
    simulatedAddress: '203.0.113.40',
    docs: 'https://haproxy-ingress.github.io/docs/configuration/keys/',
  },
  'f5-nginx': {
    name: 'f5-nginx',
    title: 'F5 NGINX Ingress Controller',
    // internal/k8s/controller.go: IngressControllerName = "nginx.org/ingress-controller";
    // cmd/nginx-ingress/flags.go: -ingress-class defaults to "nginx". An Ingress with no class
    // at all is not processed (there is no -watch-ingress-without-class).
    controllerStrings: ['nginx.org/ingress-controller'],
    legacyClassNames: ['nginx'],
    annotationWins: true,
    simulatedAddress: '203.0.113.50',
    docs: 'https://docs.nginx.com/nginx-ingress-controller/',
  },
  'traefik-nginx': {
    name: 'traefik-nginx',
    title: "Traefik's ingress-nginx provider",
    // pkg/provider/kubernetes/ingress-nginx/kubernetes.go: controllerClass defaults to
    // "k8s.io/ingress-nginx" and ingressClass to "nginx"; build.go shouldProcess serves an
    // ingressClassName only when an IngressClass of that controller exists, and an Ingress
    // with no class only with watchIngressWithoutClass (default false).
    controllerStrings: ['k8s.io/ingress-nginx'],
    legacyClassNames: ['nginx'],
    needsClassObject: true,
    simulatedAddress: '203.0.113.60',
    docs: 'https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/ingress-nginx/',
  },
};

export interface ClassDecision {
  ingress: Ingress;
  served: boolean;
  reason: ReasonCode;
  detail: string;
  ingressClass?: IngressClass;
}

export interface ClassSelection {
  served: Ingress[];
  decisions: ClassDecision[];
  /** true when the manifests hold no IngressClass and every Ingress is assumed served */
  assumed: boolean;
  /** the IngressClasses this controller owns */
  classes: IngressClass[];
}

function ownsClass(profile: ControllerProfile, cls: IngressClass): boolean {
  // The portable model stands for whichever controller implements each class.
  return profile.controllerStrings.length === 0 || profile.controllerStrings.includes(cls.controller);
}

/**
 * Decides, for every Ingress, whether this controller serves it:
 * 1. spec.ingressClassName names an IngressClass; the controller serves it when it owns that class.
 * 2. the deprecated kubernetes.io/ingress.class annotation names a class (an IngressClass
 *    or the controller's --ingress-class name).
 * 3. neither: the default IngressClass (is-default-class annotation) applies, if exactly one... the
 *    docs say that with several defaults the admission controller rejects new Ingresses; we take the
 *    newest, as the API server's defaulting does.
 * When the manifests contain no IngressClass at all, RouteLab assumes the chosen controller serves
 * every Ingress whose class it could own, and says so in the trace.
 */
export function selectIngresses(cluster: Cluster, profile: ControllerProfile, serveAll = false): ClassSelection {
  if (serveAll) return cachedFor(cluster, 'ingress-classes-all', profile.name, () => everyIngress(cluster, profile));
  return cachedFor(cluster, 'ingress-classes', profile.name, () => computeSelection(cluster, profile));
}

/** For comparisons: every Ingress as if this controller served it, whatever its class. */
function everyIngress(cluster: Cluster, profile: ControllerProfile): ClassSelection {
  const decisions: ClassDecision[] = cluster.ingresses.map((ingress) => ({
    ingress,
    served: true,
    reason: 'IngressClassAssumed',
    detail: `compared as if ${profile.title} served every Ingress, whatever its class`,
  }));
  return { served: [...cluster.ingresses], decisions, assumed: true, classes: [] };
}

function computeSelection(cluster: Cluster, profile: ControllerProfile): ClassSelection {
  const byName = new Map(cluster.ingressClasses.map((c) => [c.meta.name, c]));
  const defaults = cluster.ingressClasses.filter((c) => c.isDefault);
  const defaultClass = defaults.sort((a, b) => (b.meta.creationTimestamp ?? '').localeCompare(a.meta.creationTimestamp ?? ''))[0];
  const assumed = cluster.ingressClasses.length === 0;
  const decisions: ClassDecision[] = [];
  // Class names other controllers use by default; a name this controller uses too ("nginx" is
  // the default of ingress-nginx, F5's controller and Traefik's ingress-nginx provider) is not foreign.
  const own = new Set(profile.legacyClassNames);
  const foreign = new Set(Object.values(CONTROLLER_PROFILES).flatMap((p) => (p.name === profile.name ? [] : p.legacyClassNames)).filter((n) => !own.has(n)));

  for (const ing of cluster.ingresses) {
    const decide = (served: boolean, reason: ReasonCode, detail: string, ingressClass?: IngressClass) =>
      decisions.push({ ingress: ing, served, reason, detail, ingressClass });
    const named = profile.annotationWins && ing.legacyClass ? undefined : ing.ingressClassName;
    if (named !== undefined) {
      const cls = byName.get(named);
      if (cls) {
        if (ownsClass(profile, cls)) decide(true, 'IngressClassNameMatch', `ingressClassName "${named}" is an IngressClass of controller ${cls.controller}`, cls);
        else decide(false, 'IngressClassOtherController', `ingressClassName "${named}" belongs to controller ${cls.controller}, not ${profile.title}`, cls);
      } else if (assumed && (profile.name === 'spec' || !foreign.has(named))) {
        decide(
          true,
          'IngressClassAssumed',
          profile.needsClassObject
            ? `ingressClassName "${named}" names no IngressClass in the manifests. A real ${profile.title} serves an Ingress with ingressClassName only when an IngressClass of that name with controller ${profile.controllerStrings[0]} exists, so it would serve nothing for this Ingress; RouteLab assumes that IngressClass exists because the manifests hold none (add it to trace exactly)`
            : `ingressClassName "${named}": no IngressClass objects in the manifests, so ${profile.title} is assumed to own it`,
        );
      } else if (assumed) {
        decide(false, 'IngressClassOtherController', `ingressClassName "${named}" is the usual class of another controller`);
      } else {
        decide(false, 'IngressClassMissing', `ingressClassName "${named}" names no IngressClass in the manifests, so no controller serves this Ingress`);
      }
      continue;
    }
    const legacy = ing.legacyClass;
    if (legacy !== undefined) {
      const cls = byName.get(legacy);
      const over = profile.annotationWins && ing.ingressClassName !== undefined ? `; it takes precedence over ingressClassName "${ing.ingressClassName}", which ${profile.title} ignores` : '';
      if (over && legacy !== profile.legacyClassNames[0]) decide(false, 'IngressClassOtherController', `annotation kubernetes.io/ingress.class "${legacy}" is not ${profile.title}'s class "${profile.legacyClassNames[0]}"${over}`);
      else if (over) decide(true, 'IngressClassLegacyAnnotation', `annotation kubernetes.io/ingress.class "${legacy}" is ${profile.title}'s class${over}`);
      else if (cls && ownsClass(profile, cls)) decide(true, 'IngressClassLegacyAnnotation', `annotation kubernetes.io/ingress.class "${legacy}" names IngressClass ${legacy} (deprecated annotation)`, cls);
      else if (profile.legacyClassNames.includes(legacy)) decide(true, 'IngressClassLegacyAnnotation', `annotation kubernetes.io/ingress.class "${legacy}" is ${profile.title}'s class name (deprecated annotation)`);
      else if (profile.name === 'spec' && (!cls || assumed)) decide(true, 'IngressClassLegacyAnnotation', `annotation kubernetes.io/ingress.class "${legacy}" (deprecated); the portable model serves every class`);
      else decide(false, 'IngressClassOtherController', `annotation kubernetes.io/ingress.class "${legacy}" is not a class of ${profile.title}`);
      continue;
    }
    if (defaultClass) {
      if (ownsClass(profile, defaultClass)) decide(true, 'IngressClassDefault', `no class given; the default IngressClass ${defaultClass.meta.name} (${defaultClass.controller}) applies`, defaultClass);
      else decide(false, 'IngressClassOtherController', `no class given; the default IngressClass ${defaultClass.meta.name} belongs to ${defaultClass.controller}`, defaultClass);
    } else if (profile.servesClassless) {
      decide(true, 'IngressClassless', `no class given and no default IngressClass; ${profile.title} serves Ingresses without a class by default`);
    } else if (assumed) {
      decide(true, 'IngressClassAssumed', 'no class given and no IngressClass objects in the manifests; assumed served by the chosen controller');
    } else {
      decide(false, 'IngressClassNone', 'no ingressClassName, no kubernetes.io/ingress.class annotation and no default IngressClass: no controller picks this Ingress up');
    }
  }
  return {
    served: decisions.filter((d) => d.served).map((d) => d.ingress),
    decisions,
    assumed,
    classes: cluster.ingressClasses.filter((c) => ownsClass(profile, c)),
  };
}

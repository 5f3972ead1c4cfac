/**
 * The decision guide's tree: questions whose answers lead to further questions or to an outcome.
 * It merges the two decision trees of the comparison material (full OS? fast start-up? app type,
 * edge, serverless) with the isolation findings of the 2025 research (Edera, Wasm resource
 * isolation, Lumos). The page renders it twice: as an interactive guide, and as a nested list that
 * works without JavaScript. tree.test.ts checks that every route ends in an outcome and every
 * node is reachable.
 */

export type OutcomeId = 'vm' | 'container' | 'wasm' | 'hybrid' | 'vm-isolated-containers';

/** A citation shown with <Cite>: an id from content/sources/ and an optional locator. */
export interface TreeCite {
  id: string;
  at?: string;
}

export interface TreeLink {
  href: string;
  label: string;
}

export interface Answer {
  label: string;
  /** Why this answer leads where it does; shown once the answer is chosen, and in the nested list. */
  explain: string;
  cite?: TreeCite;
  next: string;
}

export interface Question {
  kind: 'question';
  id: string;
  prompt: string;
  /** Examples that make the question concrete. */
  help?: string;
  answers: Answer[];
}

export interface Outcome {
  kind: 'outcome';
  id: OutcomeId;
  title: string;
  /** One sentence: what to do. */
  verdict: string;
  /** Short paragraphs: when it fits, what it costs, what to watch. */
  body: string[];
  cites: TreeCite[];
  links: TreeLink[];
}

export type TreeNode = Question | Outcome;

export interface DecisionTree {
  start: string;
  nodes: Record<string, TreeNode>;
}

const question = (q: Omit<Question, 'kind'>): Question => ({ kind: 'question', ...q });
const outcome = (o: Omit<Outcome, 'kind'>): Outcome => ({ kind: 'outcome', ...o });

export const decisionTree: DecisionTree = {
  start: 'scope',
  nodes: {
    scope: question({
      id: 'scope',
      prompt: 'Are you placing one workload, or a whole system?',
      help: 'A workload is one service, function or plugin. A system has parts with different needs: stateful stores, stateless APIs, short-lived functions.',
      answers: [
        {
          label: 'One workload',
          explain: 'The questions that follow weigh isolation, kernel needs, start-up and tooling for this one workload.',
          next: 'tenants',
        },
        {
          label: 'A whole system with parts of different kinds',
          explain:
            'Parts with different needs rarely belong on the same runtime. Split the system, then run this guide again for each part.',
          next: 'hybrid',
        },
      ],
    }),
    tenants: question({
      id: 'tenants',
      prompt: 'Will it run code you do not trust, from several tenants, on shared hosts?',
      help: 'For example functions uploaded by customers, plugins written by users, or build jobs from many teams on one cluster.',
      answers: [
        {
          label: 'Yes',
          explain:
            'Then the isolation boundary comes first: whatever the tenants share (a kernel, a runtime, the host’s disks and threads) is what an attacker will aim at.',
          next: 'tenant-artifact',
        },
        {
          label: 'No',
          explain: 'Isolation still matters, but it can be weighed against kernel needs, start-up, density and tooling.',
          next: 'full-os',
        },
      ],
    }),
    'tenant-artifact': question({
      id: 'tenant-artifact',
      prompt: 'What do the tenants hand you?',
      answers: [
        {
          label: 'Container images or ordinary Linux programs',
          explain:
            'Containers share the host kernel, so one container escape reaches every tenant on the host. Running each tenant’s containers inside a lightweight VM keeps the image format and puts a hypervisor between tenants.',
          next: 'vm-isolated-containers',
        },
        {
          label: 'Small functions or plugins that compile to Wasm',
          explain:
            'A Wasm sandbox confines a module to its own linear memory and to the host calls you grant it, so it can hold untrusted code, provided its resource use is bounded as well.',
          next: 'quotas',
        },
      ],
    }),
    quotas: question({
      id: 'quotas',
      prompt:
        'Can you bound each instance’s CPU, memory and the host resources its calls consume, and watch the host for noisy neighbours?',
      help: 'CPU: fuel or epoch interruption. Memory: a maximum on linear memory. Host resources: limits on file writes, threads, sockets and allocations the host makes on the module’s behalf.',
      answers: [
        {
          label: 'Yes',
          explain:
            'With those limits enforced, Wasm keeps its small per-instance overhead. The limits on host-side resources are the ones most often missing.',
          next: 'wasm',
        },
        {
          label: 'No, or not yet',
          explain:
            'A study of Wasmtime and Wasmer found that a malicious instance can push work onto other parts of the operating system, outside its own process, where per-process cgroup limits do not reach. Until that is bounded, give each tenant a VM boundary.',
          cite: { id: 'wasm-isolation', at: 'abstract' },
          next: 'vm-isolated-containers',
        },
      ],
    }),
    'full-os': question({
      id: 'full-os',
      prompt: 'Does the workload need a whole operating system or its own kernel?',
      help: 'Windows, kernel modules or a particular kernel version, or a traditional monolith that expects to own a machine.',
      answers: [
        {
          label: 'Yes',
          explain: 'Containers and Wasm both run on the host’s kernel; only a VM gives the workload a kernel of its own.',
          next: 'vm',
        },
        {
          label: 'No',
          explain: 'A shared kernel is acceptable, so the lighter options are open.',
          next: 'startup',
        },
      ],
    }),
    startup: question({
      id: 'startup',
      prompt: 'Is start-up time or density critical?',
      help: 'Scale-to-zero functions that must answer their first request quickly, edge or IoT nodes with little memory, or very many instances per host.',
      answers: [
        {
          label: 'Yes',
          explain:
            'This is where Wasm can win: Lumos measured lower cold starts and much smaller images for ahead-of-time compiled Wasm than for containers, but only if the code can be built for Wasm and the workload suits it.',
          cite: { id: 'lumos', at: 'abstract' },
          next: 'toolchain',
        },
        {
          label: 'No',
          explain: 'When start-up and density are not the constraint, tooling and ecosystem usually decide.',
          next: 'tooling',
        },
      ],
    }),
    toolchain: question({
      id: 'toolchain',
      prompt: 'Can the code be built for Wasm and live within WASI?',
      help: 'A language with a mature Wasm target (Rust, C and C++, TinyGo, AssemblyScript), and no need for fork, raw sockets or native libraries without a Wasm build.',
      answers: [
        {
          label: 'Yes',
          explain: 'Then Wasm is a real option; the next question settles it.',
          next: 'io',
        },
        {
          label: 'No',
          explain:
            'Porting the code or its dependencies would cost more than the faster start-up saves. Keep it in a container and make the image small.',
          next: 'container',
        },
      ],
    }),
    io: question({
      id: 'io',
      prompt: 'Is the hot path dominated by I/O, or by large payloads passed between host and module?',
      answers: [
        {
          label: 'Yes',
          explain:
            'Data crossing the boundary between host and module is copied and serialized. Lumos measured a large I/O-serialization overhead for interpreted Wasm and reports none for compiled Wasm, so no published figure settles this case: a container avoids the copy, and is the lower-risk default until you have measured the AoT build on your own I/O path.',
          cite: { id: 'lumos', at: 'abstract' },
          next: 'container',
        },
        {
          label: 'No',
          explain:
            'Compute-bound code that starts often is where Wasm does best. Compile it ahead of time: in the same study, interpreted Wasm had many times higher warm latency.',
          cite: { id: 'lumos', at: 'abstract' },
          next: 'wasm',
        },
      ],
    }),
    tooling: question({
      id: 'tooling',
      prompt: 'Must it fit existing container tooling?',
      help: 'Image registries and scanners, Kubernetes deployments, a Collector pipeline that tags telemetry with container metadata.',
      answers: [
        {
          label: 'Yes',
          explain: 'Fitting in is the container’s strongest argument: everything you already run understands OCI images.',
          next: 'container',
        },
        {
          label: 'No',
          explain: 'Then where the code has to run decides.',
          next: 'portable',
        },
      ],
    }),
    portable: question({
      id: 'portable',
      prompt: 'Must one build run on several CPU architectures, or inside another program as a plugin?',
      help: 'For example one artifact for x86 and Arm edge nodes, or a filter loaded into Envoy or an OpenTelemetry Collector.',
      answers: [
        {
          label: 'Yes',
          explain:
            'A Wasm module is one binary for every architecture, and the proxy-wasm ABI makes it a plugin format for Envoy and Istio.',
          next: 'wasm',
        },
        {
          label: 'No',
          explain: 'Nothing here calls for more than the most widely supported option.',
          next: 'container',
        },
      ],
    }),

    vm: outcome({
      id: 'vm',
      title: 'Virtual machine',
      verdict: 'Give the workload its own kernel behind a hypervisor.',
      body: [
        'Choose a VM when the workload needs its own operating system or kernel, or when the threat model or an auditor asks for a hardware-level boundary. The price is a guest operating system in memory for every VM and boot times in seconds rather than milliseconds.',
        'Observability is the most familiar of the options: run the OpenTelemetry SDK in the guest and a Collector on each VM or node, as on bare metal.',
      ],
      cites: [],
      links: [
        { href: '/comparison/', label: 'VM, container, Wasm and Edera compared' },
        { href: '/comparison/cost-calculator/', label: 'Cost calculator' },
      ],
    }),
    container: outcome({
      id: 'container',
      title: 'Container',
      verdict: 'Package it as an OCI image and run it on the tooling you already have.',
      body: [
        'Containers share the host kernel, start quickly, and fit every registry, scanner, orchestrator and Collector pipeline in common use. Keep images small with multi-stage builds.',
        'Tag telemetry with container metadata (container.id, Kubernetes pod and namespace) so that every trace leads back to the container that produced it.',
      ],
      cites: [],
      links: [
        { href: '/containers/', label: 'Observing Docker containers' },
        { href: '/containers/dockerfile/', label: 'A multi-stage Rust Dockerfile' },
        { href: '/containers/otlp-pipeline/', label: 'The OTLP pipeline' },
        { href: '/containers/kubernetes/', label: 'Kubernetes deployment' },
      ],
    }),
    wasm: outcome({
      id: 'wasm',
      title: 'WebAssembly',
      verdict: 'Compile it to a Wasm module or component and run it in a Wasm runtime.',
      body: [
        'Wasm suits short-lived, compute-bound code that starts often or must run on many architectures, and plugins inside proxies and Collectors. Compile ahead of time, and export telemetry over OTLP/HTTP.',
        'Bound every instance: fuel or epoch interruption for CPU, a maximum for linear memory, only the WASI capabilities the module needs. With untrusted tenants, also bound what the host does on the module’s behalf: per-process limits alone did not contain the attacks in the 2025 resource-isolation study.',
      ],
      cites: [
        { id: 'lumos', at: 'abstract' },
        { id: 'wasm-isolation', at: 'abstract' },
      ],
      links: [
        { href: '/webassembly/', label: 'Wasm runtimes: WasmEdge, Wasmtime, WAMR' },
        { href: '/webassembly/security-hardening/', label: 'Hardening a Wasm runtime' },
        { href: '/webassembly/tracing/', label: 'Tracing from Wasm' },
        { href: '/research/wasm-isolation-attacks/', label: 'The resource-isolation attacks' },
        { href: '/plugins/', label: 'Wasm plugins for proxies' },
      ],
    }),
    hybrid: outcome({
      id: 'hybrid',
      title: 'Hybrid',
      verdict: 'Put each part where it fits, and trace across all of them.',
      body: [
        'A common split: stateful stores on VMs, stateless APIs and caches in containers, compute-heavy or short-lived functions in Wasm. Docker and Kubernetes can run Wasm workloads beside containers through containerd shims, so one cluster can host both.',
        'Use one OpenTelemetry pipeline and propagate trace context on every hop, so that one trace follows a request across runtimes.',
      ],
      cites: [],
      links: [
        { href: '/comparison/hybrid-deployment/', label: 'Hybrid deployment' },
        { href: '/webassembly/docker-and-kubernetes/', label: 'Wasm in Docker and Kubernetes' },
        { href: '/comparison/', label: 'VM, container, Wasm and Edera compared' },
      ],
    }),
    'vm-isolated-containers': outcome({
      id: 'vm-isolated-containers',
      title: 'VM-isolated containers',
      verdict: 'Keep container images, but run each tenant’s containers in a lightweight VM with its own kernel.',
      body: [
        'Hypervisor-based container runtimes such as Edera or Kata Containers run containers inside lightweight VMs, so tenants stop sharing a kernel while keeping their images and orchestration.',
        'The Edera paper (version 2) reports CPU performance a few percent below Docker, faster memory performance, and start-up most of a second longer than Docker’s; the decision guide page gives the exact figures with their baselines.',
      ],
      cites: [{ id: 'edera-v2', at: 'abstract' }],
      links: [
        { href: '/research/edera/', label: 'Edera: high-performance VMs' },
        { href: '/research/wasm-isolation-attacks/', label: 'Why Wasm alone may not isolate tenants' },
        { href: '/comparison/', label: 'VM, container, Wasm and Edera compared' },
      ],
    }),
  },
};

export function nodeById(tree: DecisionTree, id: string): TreeNode {
  const node = tree.nodes[id];
  if (!node) throw new Error(`Decision tree: no node "${id}"`);
  return node;
}

/** One route from the start to an outcome: the answers chosen, by index. */
export interface Route {
  outcome: OutcomeId;
  /** The question ids visited and the index of the answer taken at each. */
  steps: { question: string; answer: number }[];
}

/**
 * Every route from the start. Throws on a missing node or a cycle, so the test can rely on every
 * route ending in an outcome.
 */
export function allRoutes(tree: DecisionTree): Route[] {
  const routes: Route[] = [];
  const walk = (id: string, steps: Route['steps'], seen: Set<string>) => {
    if (seen.has(id)) throw new Error(`Decision tree: cycle through "${id}"`);
    const node = nodeById(tree, id);
    if (node.kind === 'outcome') {
      routes.push({ outcome: node.id, steps });
      return;
    }
    if (node.answers.length < 2) throw new Error(`Decision tree: question "${id}" needs at least two answers`);
    node.answers.forEach((answer, index) =>
      walk(answer.next, [...steps, { question: id, answer: index }], new Set([...seen, id])),
    );
  };
  walk(tree.start, [], new Set());
  return routes;
}

/** The shortest route to each outcome, e.g. for tests that must reach every one. */
export function shortestRoutes(tree: DecisionTree): Map<OutcomeId, Route> {
  const best = new Map<OutcomeId, Route>();
  for (const route of allRoutes(tree)) {
    const known = best.get(route.outcome);
    if (!known || route.steps.length < known.steps.length) best.set(route.outcome, route);
  }
  return best;
}

/** Ids of nodes that no route visits. */
export function unreachableNodes(tree: DecisionTree): string[] {
  const seen = new Set<string>();
  for (const route of allRoutes(tree)) {
    route.steps.forEach((s) => seen.add(s.question));
    seen.add(route.outcome);
  }
  return Object.keys(tree.nodes).filter((id) => !seen.has(id));
}

/** Every href an outcome links to, for the build's link check. */
export function treeLinks(tree: DecisionTree): { nodeId: string; href: string }[] {
  return Object.values(tree.nodes).flatMap((node) =>
    node.kind === 'outcome' ? node.links.map((link) => ({ nodeId: node.id, href: link.href })) : [],
  );
}

/** Questions before outcomes, each in the order a reader first meets it (depth first). */
export function nodesInReadingOrder(tree: DecisionTree): TreeNode[] {
  const order: string[] = [];
  const visit = (id: string) => {
    if (order.includes(id)) return;
    order.push(id);
    const node = nodeById(tree, id);
    if (node.kind === 'question') node.answers.forEach((a) => visit(a.next));
  };
  visit(tree.start);
  const nodes = order.map((id) => nodeById(tree, id));
  return [...nodes.filter((n) => n.kind === 'question'), ...nodes.filter((n) => n.kind === 'outcome')];
}

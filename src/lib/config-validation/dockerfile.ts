// Dockerfiles: known instructions only, at least one stage, and every base image (FROM, and
// COPY --from an image) pinned to an explicit tag or digest after ARG defaults are applied.
// `FROM scratch` and `FROM <earlier stage>` need no tag.
import { parseDockerfile, type DockerfileInstruction } from './dockerfile-parser.ts';
import { resolveDefaults, unpinnedImageReason } from './image-reference.ts';
import type { ConfigFile, Problem, Validator } from './problem.ts';

const INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
const NOT_AFTER_ONBUILD = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/i;

export const validateDockerfile: Validator = (file: ConfigFile): Problem[] => {
  const parsed = parseDockerfile(file.text);
  const problems: Problem[] = parsed.errors.map((e) => ({ file: file.path, line: e.line, message: e.message }));
  const report = (at: DockerfileInstruction, message: string) => problems.push({ file: file.path, line: at.line, message });

  // ARGs declared before the first FROM are the only variables a FROM line can use.
  const globalArgs = new Map<string, string | undefined>();
  const stages: string[] = []; // lower-case stage names, '' for unnamed stages
  let stageCount = 0;

  for (const instruction of parsed.instructions) {
    const { keyword, args } = instruction;
    if (!INSTRUCTIONS.has(keyword)) {
      report(instruction, `Unknown instruction "${keyword}".`);
      continue;
    }
    if (args === '') {
      report(instruction, `${keyword} needs arguments.`);
      continue;
    }
    if (stageCount === 0 && keyword !== 'ARG' && keyword !== 'FROM') {
      report(instruction, `${keyword} appears before the first FROM; only ARG may come before it.`);
    }
    switch (keyword) {
      case 'ARG':
        if (stageCount === 0) {
          for (const [name, value] of argDeclarations(args)) {
            // A default may build on an earlier ARG: ARG IMAGE=rust:${RUST_VERSION}
            const resolved = value === undefined ? undefined : resolveDefaults(value, globalArgs);
            globalArgs.set(name, resolved && 'value' in resolved ? resolved.value : value);
          }
        }
        break;
      case 'FROM':
        checkFrom(instruction, stages, globalArgs, report);
        stageCount++;
        break;
      case 'COPY':
      case 'ADD':
        checkCopyFrom(instruction, stages, globalArgs, report);
        break;
      case 'ONBUILD': {
        const trigger = args.split(/\s+/)[0].toUpperCase();
        if (!INSTRUCTIONS.has(trigger) || NOT_AFTER_ONBUILD.has(trigger)) report(instruction, `ONBUILD cannot trigger "${trigger}".`);
        break;
      }
    }
  }
  if (stageCount === 0) problems.push({ file: file.path, line: 1, message: 'The Dockerfile has no FROM instruction, so it defines no build stage.' });
  return problems;
};

/** `ARG A=1 B="two" C` → [[A, '1'], [B, 'two'], [C, undefined]] */
function argDeclarations(args: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("[^"]*"|'[^']*'|\S*))?/g)) {
    const raw = m[2];
    out.push([m[1], raw === undefined ? undefined : raw.replace(/^(["'])(.*)\1$/, '$2')]);
  }
  return out;
}

type Report = (at: DockerfileInstruction, message: string) => void;

function checkFrom(instruction: DockerfileInstruction, stages: string[], globalArgs: Map<string, string | undefined>, report: Report) {
  const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
  const [image, as, name, ...extra] = words;
  if (!image) {
    report(instruction, 'FROM names no image.');
    return;
  }
  if (as !== undefined) {
    if (as.toLowerCase() !== 'as' || name === undefined || extra.length) {
      report(instruction, `FROM expects "FROM [--platform=...] <image> [AS <name>]", got "FROM ${instruction.args}".`);
    } else if (!STAGE_NAME.test(name)) {
      report(instruction, `Stage name "${name}" must start with a letter and use only letters, digits, -, _ and .`);
    } else if (stages.includes(name.toLowerCase())) {
      report(instruction, `Stage name "${name}" is used twice.`);
    }
  }
  checkImage(instruction, image, 'FROM', stages, globalArgs, report);
  stages.push(as !== undefined && name ? name.toLowerCase() : '');
}

function checkCopyFrom(instruction: DockerfileInstruction, stages: string[], globalArgs: Map<string, string | undefined>, report: Report) {
  const from = /(?:^|\s)--from=(\S+)/.exec(instruction.args)?.[1];
  if (from === undefined) return;
  if (/^\d+$/.test(from)) {
    if (Number(from) >= stages.length - 1) report(instruction, `${instruction.keyword} --from=${from} refers to a stage that is not defined before this one.`);
    return;
  }
  checkImage(instruction, from, `${instruction.keyword} --from`, stages, globalArgs, report);
}

function checkImage(
  instruction: DockerfileInstruction,
  written: string,
  where: string,
  stages: string[],
  globalArgs: Map<string, string | undefined>,
  report: Report,
) {
  const resolved = resolveDefaults(written, globalArgs);
  if ('unresolved' in resolved) {
    const names = resolved.unresolved.join(', ');
    report(instruction, `${where} image "${written}" uses ${names}, which has no default from an ARG before the first FROM, so the image cannot be checked. Give the ARG a pinned default.`);
    return;
  }
  const image = resolved.value;
  if (image.toLowerCase() === 'scratch' || stages.includes(image.toLowerCase())) return;
  const reason = unpinnedImageReason(image);
  const shown = image === written ? `"${image}"` : `"${written}" (= "${image}")`;
  if (reason) report(instruction, `${where} image ${shown} ${reason}.`);
}

// Rules for container image references, shared by the Dockerfile, Compose and Kubernetes validators.
// The site's configs must pull a known image: an explicit tag other than `latest`, or a digest.

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// Registry host (optional, may carry a port), then lowercase path components.
const NAME = /^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*(?::\d+)?|\[[0-9a-fA-F:]+\](?::\d+)?)\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * Why `reference` is not a pinned image, or undefined when it is pinned.
 * The reason reads after the reference: `image "node" has no tag ...`.
 */
export function unpinnedImageReason(reference: string): string | undefined {
  const ref = reference.trim();
  if (ref === '') return 'is empty';

  const at = ref.indexOf('@');
  const nameAndTag = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;

  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > slash; // a colon before the last slash is a registry port
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;

  if (!NAME.test(name)) return 'is not a valid image name (lowercase repository path, optional registry host)';
  if (digest !== undefined) {
    return DIGEST.test(digest) ? undefined : `has an invalid digest "${digest}" (expected e.g. sha256:<64 hex digits>)`;
  }
  if (tag === undefined) return 'has no tag, so it means :latest; pin an explicit version tag or a digest';
  if (!TAG.test(tag)) return `has an invalid tag "${tag}"`;
  if (tag.toLowerCase() === 'latest') return 'uses the "latest" tag; pin an explicit version tag or a digest';
  return undefined;
}

/**
 * Resolves `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}` to their defaults, the way the
 * value would look with no environment set. Compose and Dockerfile ARG substitution share this
 * syntax. Returns the names of variables that have no default instead of a value when any remain.
 */
export function resolveDefaults(
  text: string,
  known: ReadonlyMap<string, string | undefined> = new Map(),
): { value: string } | { unresolved: string[] } {
  const unresolved: string[] = [];
  const value = text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare) as string;
      const current = known.get(name);
      const isSet = current !== undefined && (operator?.startsWith(':') ? current !== '' : true);
      switch (operator) {
        case ':-':
        case '-':
          return isSet ? (current as string) : (word ?? '');
        case ':+':
        case '+':
          return isSet ? (word ?? '') : '';
        default:
          if (current !== undefined) return current;
          unresolved.push(name);
          return match;
      }
    },
  );
  return unresolved.length ? { unresolved } : { value };
}

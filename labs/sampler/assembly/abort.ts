// The build names this file in `--use abort=labs/<lab>/assembly/abort/abortHandler`, and asc
// resolves only a function declared here, not a re-export; the behaviour is the shared one.
import { trap } from '../../lib/abort';

export function abortHandler(message: string | null, fileName: string | null, line: u32, column: u32): void {
  trap();
}

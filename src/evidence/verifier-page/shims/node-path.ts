/** Stand-in for node:path in the verifier page: posix.basename, with Node's semantics. */
function basename(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end -= 1;
  const trimmed = path.slice(0, end);
  if (trimmed === '/') return '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export const posix = { basename };

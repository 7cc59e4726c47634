/**
 * Stand-in for node:url in the verifier page: domainToASCII through the WHATWG URL parser,
 * which applies the same UTS #46 mapping Node's does; an invalid name gives '' as in Node.
 */
export function domainToASCII(domain: string): string {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return '';
  }
}

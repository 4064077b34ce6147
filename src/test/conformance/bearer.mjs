// Loaded with `node --import`: every request the conformance suite makes (through fetch or undici,
// which share undici's global dispatcher) carries the bearer token a real remote MCP client would
// hold; the suite has no option for it. The suite then speaks to `devskyy serve --http` directly,
// with no bridge in between.
import { getGlobalDispatcher, setGlobalDispatcher } from 'undici';

const token = process.env.DEVSKYY_CONFORMANCE_TOKEN;
if (!token) {
  throw new Error('DEVSKYY_CONFORMANCE_TOKEN is not set');
}
const authorization = `Bearer ${token}`;

function withToken(headers) {
  if (Array.isArray(headers)) {
    return [...headers, 'authorization', authorization];
  }
  if (headers && typeof headers[Symbol.iterator] === 'function') {
    return [...Array.from(headers).flat(), 'authorization', authorization];
  }
  return { ...(headers ?? {}), authorization };
}

setGlobalDispatcher(
  getGlobalDispatcher().compose((dispatch) => (options, handler) =>
    dispatch({ ...options, headers: withToken(options.headers) }, handler)),
);

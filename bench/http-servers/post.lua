-- wrk script for bench/http-servers.sh: every request POSTs one MCP tools/call, about 300 bytes
-- of JSON, on wrk's keep-alive connections.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"scan","arguments":'
  .. '{"path":"src/main/java","rules":["secrets","weak-crypto","deserialization"],'
  .. '"severity":"medium","format":"sarif","max_findings":500,"follow_symlinks":false},'
  .. '"_meta":{"progressToken":"b5f3c1e2-7a40-4d8e-9c61-2f0a7e5d3b94"}}}'

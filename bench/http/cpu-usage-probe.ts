// Preloaded (-r) into the API by bench/http/hostile-body.ts: over the IPC channel the bench sends
// 'cpu?' and gets back the server's own process.cpuUsage() (microseconds of user and system CPU),
// so the CPU a request costs the server is measured in the server, apart from the load generator.
if (process.send) {
  process.channel?.unref();
  process.on('message', (message) => {
    if (message === 'cpu?') process.send?.({ cpu: process.cpuUsage() });
  });
}

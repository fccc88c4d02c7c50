// `npm start`: load the configuration, start Pacer, create the demo operation on first start.
import { ConfigError, loadConfig } from './config.ts';
import { createPacer } from './app.ts';
import { ensureDemo } from './demo.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const pacer = await createPacer(config);
  const demo = await ensureDemo(pacer.database.db, Date.now(), config.demoToken, { password: config.demoPassword });
  const base = await pacer.app.listen({ host: config.host, port: config.port });
  const store = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  const { address, port } = config.sipListen;
  const carrier = config.telephony === 'sip'
    ? `SIP on ${address.includes(':') ? `[${address}]` : address}:${port} (UDP and TCP)${config.sipPublicAddress ? `, public address ${config.sipPublicAddress}` : ''}`
    : 'the simulated carrier';
  console.log(`Pacer listening on ${base} — store: ${store}; telephony: ${carrier}`);
  console.log(`Web console: ${base}/ (sign in as 1001, an agent; supervisor; or admin)`);
  if (demo.created && demo.token) {
    console.log(`Created demo operation 0001 with agents 1001-1010, campaigns 1 and 2.`);
    console.log(`Demo token (shown once, stored only as a hash): ${demo.token}`);
    console.log(`Console users: 1001-1010 (agents), supervisor, admin; password ${demo.password === null ? 'PACER_DEMO_PASSWORD' : `${demo.password} (shown once)`}`);
    console.log(`Try:\n  curl -s -X POST '${base}/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready' -H 'wolkvox-token: ${demo.token}'`);
  } else if (config.demoToken) {
    console.log(`Demo token: the value of PACER_DEMO_TOKEN`);
  }
  const stop = () => {
    pacer.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});

// `npm run bench:list`: the 2,000-request burst of `bench:floor` under the diplomatic list of speakers —
// first come (the baseline, in the same run) and the protocol order with every kind of request. Writes its
// section of docs/benchmarks.md. Size with BENCH_CLIENTS (default 2000).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { Socket } from 'socket.io-client';
import { makePanel, makeUser } from '@rostrum/test-harness';
import { createBenchSetup, seedDelegates } from './lib/bench-setup';
import { Burst, protocolBurstPanel, protocolOrderExact, runBurst } from './lib/burst';
import { command, connectMany, connectOne, inBatches } from './lib/clients';
import { ensureFileLimit, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { ms, sleep } from './lib/stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const TARGET_MS = 5000;

async function main(): Promise<void> {
  ensureFileLimit(CLIENTS * 2 + 500);
  const loadAtStart = loadavg()[0];
  console.log(`list-of-speakers benchmark: ${CLIENTS} clients`);
  const setup = await createBenchSetup();
  const { db } = setup;
  const api = await startChild('api-process.ts', setup.env);
  const sockets: Socket[] = [];
  try {
    const moderator = await makeUser(db, 'moderator');
    const firstCome = await makePanel(db, { moderators: [moderator], status: 'live', title: 'Burst' });
    const delegates = await seedDelegates(db, CLIENTS);
    const protocol = await protocolBurstPanel(db, moderator, delegates);

    const apiUrl = `http://127.0.0.1:${api.port}`;
    sockets.push(await connectOne(apiUrl, setup.issue(moderator)));
    /**
     * Every delegate connected afresh and joined to the panel: the sockets of the run before still have
     * its last (coalesced, ~1 MB) snapshots on their way, which a join would wait behind.
     */
    const joinedTo = async (panelId: string) => {
      console.log('connecting clients…');
      const clients = await connectMany(
        apiUrl,
        delegates.map((d) => setup.issue(d)),
      );
      sockets.push(...clients);
      await inBatches(clients, 100, (s) => command(s, 'panel:join', { panelId }));
      await sleep(2500); // let presence settle
      return clients;
    };

    const first = await joinedTo(firstCome.id);
    console.log('burst, first come…');
    const baseline = await runBurst(first, firstCome.id, db);
    for (const s of first) s.disconnect();

    const second = await joinedTo(protocol.panelId);
    console.log('burst, protocol order, every kind…');
    const ordered = await runBurst(second, protocol.panelId, db, protocol.payload, protocolOrderExact);

    const report = formatReport(baseline, ordered, loadAtStart);
    console.log(`\n${report}\n`);
    console.log(`written to ${writeSection('List of speakers: the burst under the protocol order', report)}`);
  } finally {
    for (const s of sockets) s.disconnect();
    await api.stop();
    await setup.cleanup();
  }
}

function formatReport(baseline: Burst, protocol: Burst, load: number): string {
  const mark = (pass: boolean) => (pass ? 'met' : '**missed**');
  const cpu = cpus();
  const row = (name: string, b: Burst, exact: string, stored: number) =>
    `| ${name} | ${ms(b.lastAckMs)}: ${mark(b.lastAckMs < TARGET_MS)} | ${b.ok} / ${CLIENTS} | ${exact} | ${stored} | ${b.statesPerClient} |`;
  return `
Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}, load average ${load.toFixed(1)}
at the start — on a development machine that may be shared with other work (see the load average), so these are upper bounds:
one API instance in its own process, PostgreSQL and Redis on the same machine, all ${CLIENTS} clients
(socket.io-client, websocket) in the benchmark's process. Re-run: \`npm run bench:list\` (\`BENCH_CLIENTS\`).

${CLIENTS} delegates, all joined to one panel, send \`floor:request\` at the same moment: first on a
first-come panel (the burst of \`bench:floor\`, as a baseline in the same run), then on a panel with
\`orderPolicy: "protocol"\`, a quarter of the delegations observers, and a mix of kinds: a tenth points of
order, a tenth group statements (\`onBehalfOf\` one of the event's groups), a tenth rights of reply (to an
earlier speech), the rest statements and questions. Exact, under first come: the positions answered are
1..N. Under the protocol order: the stored queue (N requests, gapped positions) is in exactly the order the pure rule
(\`placeArrivals\`) gives for the requests in the order the record logged them.

| burst | last acknowledgement (< ${TARGET_MS} ms) | \`ok\` | exact | requests stored | \`panel:state\` per client |
| --- | --- | --- | --- | --- | --- |
${row('first come, statements', baseline, baseline.positionsExact ? `positions 1..${CLIENTS}: met` : '**not 1..N**', baseline.stored)}
${row('protocol order, every kind', protocol, protocol.positionsExact ? 'the protocol order: met' : '**not the protocol order**', protocol.stored - 1)}

(The protocol panel also holds the one earlier speech the rights of reply answer; it is not counted.)
`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

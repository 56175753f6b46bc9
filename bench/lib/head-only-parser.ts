import * as parser from 'socket.io-parser';

const STATE = '2/live,["panel:state",';

/**
 * A socket.io-client parser for benchmark clients: every packet is decoded as usual except `panel:state`,
 * of which only the head is read (panelId, version, serverTime — the snapshot's first fields). Thousands
 * of simulated clients share one process here, where real ones each parse on their own machine; decoding
 * every snapshot in full would measure this process, not the server. The bytes are still all received.
 */
class HeadOnlyStateDecoder extends parser.Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === 'string' && chunk.startsWith(STATE)) {
      const head = chunk.slice(STATE.length, STATE.length + 300);
      this.emitReserved('decoded', {
        type: parser.PacketType.EVENT,
        nsp: '/live',
        data: [
          'panel:state',
          {
            panelId: /"panelId":"([^"]+)"/.exec(head)?.[1],
            version: Number(/"version":(\d+)/.exec(head)?.[1]),
            serverTime: /"serverTime":"([^"]+)"/.exec(head)?.[1],
            bytes: chunk.length,
          },
        ],
      });
      return;
    }
    super.add(chunk);
  }
}

export const headOnlyStateParser = { ...parser, Decoder: HeadOnlyStateDecoder };

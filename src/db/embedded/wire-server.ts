import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * The PostgreSQL wire protocol for one PGlite instance on a Unix socket, for many connections at once.
 *
 * PGlite is one backend session, so connections take turns on it. A connection keeps its turn until the
 * engine answers ReadyForQuery with status "idle": through a whole transaction, and through an extended
 * query (Parse … Sync) too. Taking turns per message instead (as @electric-sql/pglite-socket 0.2.17
 * does) let another connection's Parse replace the unnamed statement between a Parse and its Bind: here
 * 200 of 1 200 concurrent parameterised queries answered another connection's statement that way.
 * Settings made with SET last for the connection's turn only (use SET LOCAL inside a transaction):
 * before another connection's turn the session is RESET, as pg_dump's empty search_path otherwise hid
 * every table from everybody else.
 *
 * Named prepared statements are shared: one session holds them for every connection, so a second
 * connection's Parse of a name the first one prepared failed ("already exists", 42P05) and the clients
 * had to send unnamed statements, which the engine parses and plans again on every execution (a third of
 * the engine's time under readiness load, measured in bench/). Here a statement's name is rewritten to
 * one derived from the client's name, text and parameter types: a Parse of a statement the engine holds
 * already is answered ParseComplete without running, the same name with another text (another code
 * version) gets a statement of its own, and a Close of a named statement only forgets it for that
 * connection (others may still use it).
 */

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
// ReadyForQuery: 'Z', length 5, status byte ('I' idle, 'T' in a transaction, 'E' failed transaction).
const READY_FOR_QUERY = 0x5a;
const IDLE = 0x49;
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);
const RESET_ALL = queryMessage('RESET ALL');
const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const CLOSE = 0x43;
const EXECUTE = 0x45;
const FLUSH = 0x48;
const SYNC_TYPE = 0x53;
// The messages of an extended query after its Parse: what a client sends for one statement in one
// write. Run as one engine call up to the Sync instead of one call each, they cost about 0.6 instead
// of 1.0 ms per statement (PGlite in memory, loaded machine; a call costs ~0.35 ms however small).
const BATCHED = new Set([BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH, SYNC_TYPE]);
const PARSE_COMPLETE = Uint8Array.from([0x31, 0, 0, 0, 4]);
const CLOSE_COMPLETE = Uint8Array.from([0x33, 0, 0, 0, 4]);

export interface WireServerOptions {
  /** Socket file; created with mode 0600. */
  path: string;
  /**
   * A connection that holds the engine (inside a transaction) and sends nothing for this long is closed
   * and its transaction rolled back, so a stuck client cannot stop every other one for good.
   */
  idleInTransactionMs?: number;
}

export interface WireServer {
  /** Open connections right now. */
  connections(): number;
  /**
   * Stops accepting, gives open connections up to `graceMs` to finish and hang up, then closes the rest
   * (an open transaction of theirs is rolled back) and removes the socket file.
   */
  close(graceMs?: number): Promise<void>;
}

interface Connection {
  socket: net.Socket;
  buffer: Buffer;
  started: boolean;
  /** Complete messages (or answers made here, `reply`) waiting for this connection's turn. */
  messages: (Uint8Array | { reply: Uint8Array })[];
  closed: boolean;
  /** The client's statement names and the shared names they stand for in the engine. */
  statements: Map<string, string>;
}

/** Serves `db` over the PostgreSQL wire protocol on a Unix socket until close(). */
export async function startWireServer(db: PGlite, options: WireServerOptions): Promise<WireServer> {
  const idleInTransactionMs = options.idleInTransactionMs ?? 60_000;
  const open = new Set<Connection>();
  // Connections with messages waiting, in arrival order; `holder` goes first while it holds the engine.
  const waiting: Connection[] = [];
  let holder: Connection | null = null;
  let lastRan: Connection | null = null;
  let pumping = false;
  let holderTimer: NodeJS.Timeout | undefined;
  // Shared statement names the engine holds (a Parse of one answered ParseComplete).
  const prepared = new Set<string>();

  const armHolderTimer = (): void => {
    clearTimeout(holderTimer);
    if (holder === null) return;
    const held = holder;
    holderTimer = setTimeout(() => {
      if (holder === held && held.messages.length === 0) held.socket.destroy();
    }, idleInTransactionMs);
    holderTimer.unref();
  };

  /** Runs one message on the engine and writes the answer; true when the engine is idle afterwards. */
  const execute = async (
    message: Uint8Array,
    reply: ((data: Uint8Array) => void) | null,
  ): Promise<boolean> => {
    let tail: Uint8Array = new Uint8Array(0);
    await db.execProtocolRawStream(message, {
      onRawData: (view) => {
        if (view.length === 0) return;
        // PGlite hands out a view into its WASM memory, which the next output overwrites; a socket that
        // cannot flush at once keeps the chunk by reference, so a large answer (ladder export) reached
        // the client with later bytes in it. Copy it before it leaves this callback.
        const data = Uint8Array.prototype.slice.call(view);
        reply?.(data);
        tail = data.length >= 6 ? data.subarray(data.length - 6) : concatTail(tail, data);
      },
    });
    return tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[5] === IDLE;
  };

  /** Brings the engine back to idle after its holder vanished mid-turn. */
  const abandon = async (): Promise<void> => {
    await db.runExclusive(async () => {
      // Sync ends an unfinished extended query; a Query ROLLBACK ends an open transaction.
      if (await execute(SYNC, null)) return;
      await execute(queryMessage('ROLLBACK'), null);
    });
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        const connection = holder ?? waiting.shift();
        if (connection === undefined) break;
        if (connection.closed) {
          if (holder === connection) {
            holder = null;
            await abandon();
          }
          continue;
        }
        const message = connection.messages.shift();
        if (message === undefined) {
          // The holder has nothing yet: the engine stays its own until the rest of the turn arrives.
          if (holder === connection) break;
          continue;
        }
        const socket = connection.socket;
        // A new turn of another connection starts from the default settings: a SET (pg_dump's empty
        // search_path, say) lasts for its connection's turn only and never leaks into someone else's.
        const reset = holder === null && lastRan !== null && lastRan !== connection;
        lastRan = connection;
        const shared = 'reply' in message ? null : sharedParseName(message);
        if ('reply' in message || (shared !== null && prepared.has(shared))) {
          // A Parse of a statement the engine holds already, or a Close of a shared one: answered here,
          // and the turn goes on as if it had run (an extended query is in progress until its Sync).
          if (reset) await db.runExclusive(() => execute(RESET_ALL, null));
          if (!socket.destroyed) socket.write('reply' in message ? message.reply : PARSE_COMPLETE);
          holder = connection;
          armHolderTimer();
          continue;
        }
        const batch = shared === null ? takeBatch(message, connection.messages) : message;
        let idle: boolean;
        try {
          idle = await db.runExclusive(async () => {
            if (reset) await execute(RESET_ALL, null);
            let first: number | undefined;
            const idleAfter = await execute(batch, (data) => {
              first ??= data[0];
              if (!socket.destroyed) socket.write(data);
            });
            if (shared !== null && first === PARSE_COMPLETE[0]) prepared.add(shared);
            return idleAfter;
          });
        } catch {
          // The engine refused the message itself (not an SQL error, which is an answer): drop the
          // connection and bring the engine back to idle on the next round.
          connection.closed = true;
          socket.destroy();
          holder = connection;
          continue;
        }
        holder = idle ? null : connection;
        armHolderTimer();
        if (connection.messages.length > 0 && holder === null) waiting.push(connection);
      }
    } finally {
      pumping = false;
    }
  };

  const enqueue = (connection: Connection, message: Connection['messages'][number]): void => {
    const wasEmpty = connection.messages.length === 0;
    connection.messages.push(message);
    if (wasEmpty && holder !== connection && !waiting.includes(connection)) waiting.push(connection);
    if (holder === connection) armHolderTimer();
  };

  // The engine starts on a chunk's messages once all of them are queued: a client writes one statement's
  // Bind … Sync at once, and they run as one engine call only if they are all there when it starts.
  const onData = (connection: Connection, chunk: Buffer): void => {
    receive(connection, chunk);
    void pump();
  };

  const receive = (connection: Connection, chunk: Buffer): void => {
    connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
    for (;;) {
      const buffer = connection.buffer;
      if (!connection.started) {
        // Untyped start-up packets: length, then a code (SSL request, cancel request or protocol 3.0).
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST) {
          connection.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST || code !== PROTOCOL_3) {
          // A query cannot be cancelled inside the one PGlite session; the client just waits for it.
          connection.socket.destroy();
          return;
        }
        connection.started = true;
        enqueue(connection, new Uint8Array(buffer.subarray(0, length)));
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const type = buffer[0];
      const message = new Uint8Array(buffer.subarray(0, length));
      connection.buffer = buffer.subarray(length);
      // Terminate would end the one engine session everybody shares: it closes this connection only.
      if (type === 0x58) {
        connection.socket.end();
        return;
      }
      if (type === CLOSE && message[5] === 0x53 && connection.statements.delete(cString(message, 6).text)) {
        // Closing a shared statement would take it from every connection: it is forgotten here only. The
        // answer waits for the connection's turn like any other, so replies stay in the order asked.
        enqueue(connection, { reply: CLOSE_COMPLETE });
        continue;
      }
      enqueue(connection, renameStatement(connection.statements, message));
    }
  };

  const server = net.createServer((socket) => {
    const connection: Connection = {
      socket,
      buffer: Buffer.alloc(0),
      started: false,
      messages: [],
      closed: false,
      statements: new Map(),
    };
    open.add(connection);
    socket.on('data', (chunk: Buffer) => onData(connection, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connection.closed = true;
      connection.messages = [];
      open.delete(connection);
      // The holder's turn ends with it: pump() rolls back what it left open.
      if (holder === connection) void pump();
    });
  });

  fs.rmSync(options.path, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The data folder is 0700 as well; 0600 on the socket keeps it the owner user's even if it is not.
  fs.chmodSync(options.path, 0o600);

  return {
    connections: () => open.size,
    close: async (graceMs = 3_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      while (open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      // A holder mid-transaction loses its connection: the client sees an error and nothing half-written
      // stays, because abandon() rolls the transaction back.
      for (const connection of open) connection.socket.destroy();
      await closed;
      clearTimeout(holderTimer);
      await pump();
      if (holder !== null) {
        holder = null;
        await abandon();
      }
      fs.rmSync(options.path, { force: true });
    },
  };
}

/**
 * `first` and the messages queued behind it that belong to the same extended query, up to and including
 * its Sync, taken off `queue` and joined into one buffer (the engine runs them in order, as if they had
 * come one by one). A named Parse, a simple Query or COPY data is run on its own.
 */
function takeBatch(first: Uint8Array, queue: Connection['messages']): Uint8Array {
  // An unnamed Parse starts its batch too (a named one runs alone: its answer says whether it is held).
  const starts = first[0] === PARSE ? sharedParseName(first) === null : first[0] !== SYNC_TYPE;
  if (!starts || (first[0] !== PARSE && !BATCHED.has(first[0] ?? 0))) return first;
  const parts = [first];
  for (;;) {
    const next = queue[0];
    if (next === undefined || 'reply' in next || !BATCHED.has(next[0] ?? 0)) break;
    queue.shift();
    parts.push(next);
    if (next[0] === SYNC_TYPE) break;
  }
  return parts.length === 1 ? first : new Uint8Array(Buffer.concat(parts));
}

/** A NUL-terminated string at `offset` of a message, and the offset just past its NUL. */
function cString(message: Uint8Array, offset: number): { text: string; end: number } {
  const nul = message.indexOf(0, offset);
  const end = nul === -1 ? message.length : nul;
  return { text: Buffer.from(message.subarray(offset, end)).toString('utf8'), end: end + 1 };
}

/** A message of `type` with this body. */
function messageOf(type: number, body: Buffer): Uint8Array {
  const message = Buffer.alloc(5 + body.length);
  message[0] = type;
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message);
}

/** The statement name of a Parse message (already rewritten to its shared name), null for others or unnamed. */
function sharedParseName(message: Uint8Array): string | null {
  if (message[0] !== PARSE) return null;
  const name = cString(message, 5).text;
  return name === '' ? null : name;
}

/**
 * The message with its statement name rewritten to the shared one: a Parse names its statement after
 * the client's name, text and parameter types (and the connection remembers the name); a Bind or a
 * Describe of a statement uses the name the connection's Parse gave it. Unnamed statements and portals
 * stay as they are.
 */
function renameStatement(statements: Map<string, string>, message: Uint8Array): Uint8Array {
  const type = message[0];
  if (type === PARSE) {
    const name = cString(message, 5);
    if (name.text === '') return message;
    const rest = message.subarray(name.end);
    const hash = createHash('sha1').update(name.text).update('\0').update(rest).digest('hex');
    // Within NAMEDATALEN (63 bytes); 40 hex digits make a clash of two different statements unthinkable.
    const shared = `ls_${hash}`;
    statements.set(name.text, shared);
    return messageOf(PARSE, Buffer.concat([Buffer.from(`${shared}\0`), rest]));
  }
  if (type === BIND) {
    const portal = cString(message, 5);
    const statement = cString(message, portal.end);
    const shared = statements.get(statement.text);
    if (statement.text === '' || shared === undefined) return message;
    return messageOf(
      BIND,
      Buffer.concat([
        Buffer.from(message.subarray(5, portal.end)),
        Buffer.from(`${shared}\0`),
        Buffer.from(message.subarray(statement.end)),
      ]),
    );
  }
  if (type === DESCRIBE && message[5] === 0x53) {
    const shared = statements.get(cString(message, 6).text);
    if (shared === undefined) return message;
    return messageOf(DESCRIBE, Buffer.from(`S${shared}\0`));
  }
  return message;
}

/** The last (up to) six bytes of `previous` followed by `next`. */
function concatTail(previous: Uint8Array, next: Uint8Array): Uint8Array {
  const joined = new Uint8Array(previous.length + next.length);
  joined.set(previous);
  joined.set(next, previous.length);
  return joined.subarray(Math.max(0, joined.length - 6));
}

/** A simple-protocol Query message. */
function queryMessage(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const message = Buffer.alloc(5 + body.length);
  message[0] = 0x51;
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message);
}

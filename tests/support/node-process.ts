import { spawn, type ChildProcess } from "node:child_process";

/** One end of one incarnation of a node process. */
export type NodeExit = {
  nodeId: string;
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the harness asked for it (kill, restart, stopAll); false is a crash or a self-exit. */
  expected: boolean;
  atMs: number;
};

const LOG_LINES_KEPT = 5_000;
const STOP_GRACE_MS = 15_000; // the server's own shutdown gives up after 10 s
const KILL_WAIT_MS = 5_000;

/**
 * A node of the real server as a child process (`node --import tsx --conditions=react-server
 * server/index.ts`, as scripts/cluster.sh runs it), started and restarted with the same
 * environment. Keeps its output (every incarnation, each line prefixed with the pid) and every
 * exit, so a test can prove that a node did not restart and show what it said when it failed.
 */
export class NodeProcess {
  private child: ChildProcess | null = null;
  private expecting = false;
  /** Its last 5,000 lines of output, over every incarnation. */
  readonly logs: string[] = [];
  private dropped = 0;
  readonly exits: NodeExit[] = [];
  /** How many times it was spawned (1 after the first start; +1 per restart). */
  starts = 0;

  constructor(
    readonly nodeId: string,
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    // Never outlive the test process, even when its afterAll did not run.
    process.once("exit", () => this.child?.kill("SIGKILL"));
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns it (not waiting for readiness: see waitReady). Refused while it runs. */
  spawn(): void {
    if (this.running) throw new Error(`${this.nodeId} is already running (pid ${this.pid})`);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "server/index.ts"],
      {
        cwd: process.cwd(),
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.child = child;
    this.expecting = false;
    this.starts += 1;
    const tag = `[${this.nodeId} pid ${child.pid ?? "?"}]`;
    this.keep(`${tag} started`);
    let buffer = "";
    const feed = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) this.keep(`${tag} ${line}`);
    };
    child.stdout?.on("data", feed);
    child.stderr?.on("data", feed);
    child.once("error", (error) => this.keep(`${tag} could not start: ${error.message}`));
    child.once("exit", (code, signal) => {
      if (buffer) this.keep(`${tag} ${buffer}`);
      this.keep(`${tag} exited (code ${code}, signal ${signal})`);
      this.exits.push({
        nodeId: this.nodeId,
        pid: child.pid,
        code,
        signal,
        expected: this.expecting,
        atMs: Date.now(),
      });
    });
  }

  private keep(line: string): void {
    this.logs.push(line);
    if (this.logs.length > LOG_LINES_KEPT)
      this.dropped += this.logs.splice(0, this.logs.length - LOG_LINES_KEPT).length;
  }

  /** How many lines it printed so far (a mark for waitForLog's `fromLine`). */
  get lineCount(): number {
    return this.dropped + this.logs.length;
  }

  /**
   * Sends `signal` and waits for the exit: SIGTERM is a drain (SIGKILL after 15 s if it hangs),
   * SIGKILL is kill -9. Resolves with the exit; a node that is not running resolves with its last.
   */
  async kill(signal: NodeJS.Signals): Promise<NodeExit | undefined> {
    const child = this.child;
    if (!child || !this.running) return this.exits.at(-1);
    this.expecting = true;
    await new Promise<void>((resolve) => {
      const force = setTimeout(
        () => child.kill("SIGKILL"),
        signal === "SIGKILL" ? KILL_WAIT_MS : STOP_GRACE_MS,
      );
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
    return this.exits.at(-1);
  }

  /**
   * Polls GET /api/ready until it answers 200 (database and media workers up), failing early when
   * the process exits and at `timeoutMs` with its last lines.
   */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.nodeId} is not running:\n${this.tail(60)}`);
      const status = await fetch(`${this.url}/api/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > until)
        throw new Error(
          `${this.nodeId} not ready after ${timeoutMs} ms (last status ${status}):\n${this.tail(60)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Waits until a line printed from now on (or since the mark `fromLine`, a lineCount) matches `pattern`. */
  async waitForLog(
    pattern: RegExp,
    options: { timeoutMs?: number; fromLine?: number } = {},
  ): Promise<string> {
    const until = Date.now() + (options.timeoutMs ?? 10_000);
    const from = options.fromLine ?? this.lineCount;
    for (;;) {
      const found = this.linesSince(from).find((line) => pattern.test(line));
      if (found) return found;
      if (Date.now() > until) throw new Error(`${this.nodeId} never logged ${pattern}:\n${this.tail(40)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The lines printed since the mark `fromLine` (a lineCount), as far as they are still kept. */
  linesSince(fromLine: number): string[] {
    return this.logs.slice(Math.max(0, fromLine - this.dropped));
  }

  /** Its last `lines` lines of output. */
  tail(lines = 80): string {
    return this.logs.slice(-lines).join("\n");
  }
}

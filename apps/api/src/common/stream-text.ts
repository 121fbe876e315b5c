import type { Response } from 'express';

/**
 * Writes text pieces to the response as they are made, waiting whenever the client reads slower
 * than they come (so a large export never sits in memory whole), then ends it. A client that goes
 * away stops the writing. Should making a piece fail once the first is out, the status is sent
 * already: the connection is cut, so the client sees a broken transfer rather than a short file.
 */
export async function streamText(res: Response, pieces: Iterable<string>): Promise<void> {
  try {
    for (const piece of pieces) {
      if (res.destroyed) return;
      if (!res.write(piece)) await drained(res);
    }
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  res.end();
}

/** Text pieces as the inside of one JSON string: `prefix`, the pieces escaped, `suffix`. */
export function* asJsonString(
  prefix: string,
  pieces: Iterable<string>,
  suffix: string,
): Generator<string> {
  yield prefix;
  for (const piece of pieces) yield JSON.stringify(piece).slice(1, -1);
  yield suffix;
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

import readline from 'node:readline';

/** Asks a yes/no question on the terminal; anything but y/yes is a no. */
export async function confirm(question: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<boolean> {
  const prompt = readline.createInterface({ input, output, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      prompt.question(`${question} [y/N] `, resolve);
      prompt.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

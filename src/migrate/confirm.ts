import readline from 'node:readline';

/** Asks a yes/no question (written to `output`, answered on `input`); anything but y/yes is a no. */
export async function confirm(question: string, input: NodeJS.ReadableStream, output: { write(text: string): unknown }): Promise<boolean> {
  const answers = readline.createInterface({ input, terminal: false });
  try {
    output.write(`${question} [y/N] `);
    const answer = await new Promise<string>((resolve) => {
      answers.once('line', resolve);
      answers.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    answers.close();
  }
}

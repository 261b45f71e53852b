import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  /** The envelope's recipients. */
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  replyTo: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server on an ephemeral port that keeps every mail it receives, parsed by mailparser (a reader
 * this project does not write with): the tests' one capture server. `url` goes into SMTP_URL; `refuseNext(n)`
 * makes the next n recipients fail with a temporary 451, as a busy relay would.
 */
export async function startSmtpCapture() {
  const inbox: CapturedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, cb) {
      if (refusals > 0) {
        refusals--;
        return cb(Object.assign(new Error("mailbox busy"), { responseCode: 451 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            messageId: mail.messageId ?? "",
            replyTo: mail.replyTo?.value[0]?.address ?? "",
            mail,
          });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    inbox,
    url: `smtp://127.0.0.1:${port}`,
    refuseNext: (count: number) => {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

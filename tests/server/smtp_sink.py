#!/usr/bin/env python3
"""A loopback SMTP server for the mail tests (Debian's python3-aiosmtpd).

usage: smtp_sink.py FOLDER PORT

Each accepted message is stored as FOLDER/<n>.eml, its envelope as FOLDER/<n>.json. The
file FOLDER/mode, read at every command, says how to answer: "ok" (or no file) accepts,
"busy" answers DATA with 451, "refuse" answers RCPT with 550, "drop" closes the
connection at DATA. Runs until it is stopped (SIGTERM).
"""
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def mode(self):
        try:
            with open(os.path.join(self.folder, "mode")) as f:
                return f.read().strip()
        except FileNotFoundError:
            return "ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode() == "refuse":
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mode = self.mode()
        if mode == "busy":
            return "451 4.3.0 Busy, try again later"
        if mode == "drop":
            server.transport.close()
            return "421 4.3.0 Closing"
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 Accepted"


def main():
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    folder, port = sys.argv[1], int(sys.argv[2])
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port, decode_data=False)
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()

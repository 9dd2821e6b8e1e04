#!/usr/bin/env python3
"""Reads one RFC 5322 message and prints what a mail program would see, as JSON, with
the checks a strict relay makes: CRLF line ends, lines of at most 998 octets, encoded
words of at most 75 characters (RFC 2047 §2).

usage: parse_mail.py FILE
"""
import email
import email.policy
import json
import re
import sys


def main():
    raw = open(sys.argv[1], "rb").read()
    lines = raw.split(b"\r\n")
    problems = []
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append("a bare line feed")
    if b"\r" in raw.replace(b"\r\n", b""):
        problems.append("a bare carriage return")
    if any(len(line) > 998 for line in lines):
        problems.append("a line over 998 octets")
    header_end = raw.find(b"\r\n\r\n")
    for word in re.findall(rb"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=", raw[:header_end]):
        if len(word) > 75:
            problems.append("an encoded word over 75 characters")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts.append({
            "type": part.get_content_type(),
            "method": part.get_param("method") or "",
            "charset": part.get_content_charset() or "",
            "content": part.get_content(),
        })
    out = {
        "problems": problems,
        "from": str(msg["From"] or ""),
        "to": str(msg["To"] or ""),
        "cc": str(msg["Cc"] or ""),
        "reply_to": str(msg["Reply-To"] or ""),
        "subject": str(msg["Subject"] or ""),
        "message_id": str(msg["Message-ID"] or ""),
        "date": str(msg["Date"] or ""),
        "template": str(msg["X-Pathways-Template"] or ""),
        "parts": parts,
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

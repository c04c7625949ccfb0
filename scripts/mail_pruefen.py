"""Reads the mails an SMTP test server (aiosmtpd's Mailbox handler) stored in a Maildir, with
Python's own e-mail parser (independent of the portal's writer), and prints them as JSON: per
mail the recipients, the decoded subject, the unsubscribe headers and both bodies.
Input (stdin): the Maildir's path."""
import email
import email.policy
import json
import mailbox
import sys

pfad = sys.stdin.read().strip()
mails = []
for nachricht in mailbox.Maildir(pfad, factory=None, create=False):
    m = email.message_from_bytes(nachricht.as_bytes(), policy=email.policy.default)
    text = m.get_body(preferencelist=("plain",))
    html = m.get_body(preferencelist=("html",))
    mails.append({
        "an": [str(a.addr_spec) for a in m["To"].addresses],
        "von": str(m["From"]),
        "betreff": str(m["Subject"]),
        "list_unsubscribe": str(m.get("List-Unsubscribe", "")),
        "list_unsubscribe_post": str(m.get("List-Unsubscribe-Post", "")),
        "art": m.get_content_type(),
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
    })
mails.sort(key=lambda x: (x["an"], x["betreff"]))
json.dump(mails, sys.stdout, ensure_ascii=False)

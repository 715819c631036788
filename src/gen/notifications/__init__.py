"""E-mails to people, written in the transaction that causes them and sent after it commits (an outbox)."""

"""Sending packages to newsroom systems: destinations, credentials and the outbox.

Qt-free. A :class:`~.base.Destination` (WordPress REST, WebDAV folder) sends one
package; the :class:`~.outbox.Outbox` queues packages on disk, retries with
backoff and remembers what each destination already holds so a retried send
updates and never duplicates. See ``docs/delivery.md``.
"""

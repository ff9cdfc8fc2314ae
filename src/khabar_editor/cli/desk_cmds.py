"""``khabar diff | verify | sign | keys``: the desk's commands (headless, no Qt)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar_editor.cli.common import ExitCode, error_line, print_json
from khabar_editor.cli.options import path_option
from khabar_editor.errors import KhabarError
from khabar_editor.i18n import N_, _

if TYPE_CHECKING:
    from khabar_editor.article.diff import ArticleDiff

# Signing (cryptography) and the diff are imported by the commands that use them, so
# ``khabar --help`` and the other commands do not load them.

CONTEXT_TOKENS = 40
"""Characters of unchanged text shown around each change in the human diff."""


def register(subparsers: Any) -> None:
    """Add the ``diff``, ``verify``, ``sign`` and ``keys`` subcommands."""
    p = subparsers.add_parser("diff", help=_(N_("show what the desk changed against the "
                                                 "correspondent's original")))
    p.add_argument("file", type=path_option, metavar="FILE.khabar", help=_(N_("the package to read")))
    p.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    p.set_defaults(func=cmd_diff)

    p = subparsers.add_parser("verify", help=_(N_("check packages' integrity and signatures")))
    p.add_argument("files", type=path_option, nargs="+", metavar="FILE",
                   help=_(N_("the packages to check")))
    p.add_argument("--keys", type=path_option, metavar="DIR",
                   help=_(N_("folder of trusted public keys (default: the desk's key store)")))
    p.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    p.set_defaults(func=cmd_verify)

    p = subparsers.add_parser("sign", help=_(N_("sign packages with your private key")))
    p.add_argument("files", type=path_option, nargs="+", metavar="FILE",
                   help=_(N_("the packages to sign")))
    p.add_argument("--key", type=path_option, required=True, metavar="NAME.key",
                   help=_(N_("your private key file")))
    p.add_argument("--passphrase-env", metavar="VAR",
                   help=_(N_("environment variable holding the key's passphrase")))
    p.set_defaults(func=cmd_sign)

    p = subparsers.add_parser("keys", help=_(N_("make signing keys; manage the desk's trusted "
                                                 "keys")))
    keys = p.add_subparsers(dest="keys_command", metavar="ACTION", parser_class=type(p))
    k = keys.add_parser("new", help=_(N_("make a key pair: NAME.key and NAME.pub")))
    k.add_argument("--name", required=True, help=_(N_("your name, as the desk will see it")))
    k.add_argument("-o", "--output", type=path_option, required=True, metavar="DIR",
                   help=_(N_("folder for the key files")))
    k.add_argument("--passphrase-env", metavar="VAR",
                   help=_(N_("environment variable holding a passphrase to protect the key")))
    k.set_defaults(func=cmd_keys_new)
    k = keys.add_parser("import", help=_(N_("trust a correspondent's public key (.pub)")))
    k.add_argument("files", type=path_option, nargs="+", metavar="NAME.pub",
                   help=_(N_("public key files")))
    k.add_argument("--keys", type=path_option, metavar="DIR", help=_(N_("key store folder")))
    k.set_defaults(func=cmd_keys_import)
    k = keys.add_parser("list", help=_(N_("list trusted and revoked keys")))
    k.add_argument("--keys", type=path_option, metavar="DIR", help=_(N_("key store folder")))
    k.add_argument("--json", action="store_true", help=_(N_("print JSON")))
    k.set_defaults(func=cmd_keys_list)
    k = keys.add_parser("revoke", help=_(N_("stop trusting a key")))
    k.add_argument("key", metavar="ID|NAME", help=_(N_("key id or name")))
    k.add_argument("--keys", type=path_option, metavar="DIR", help=_(N_("key store folder")))
    k.set_defaults(func=cmd_keys_revoke)
    p.set_defaults(func=lambda args: _keys_usage(p))


def _keys_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    error_line(_(N_("khabar keys: choose an action: new, import, list or revoke")))
    return ExitCode.USAGE


def _passphrase(var: str | None) -> str | None:
    from khabar_editor.package.signing import SigningError

    if not var:
        return None
    value = os.environ.get(var)
    if not value:
        raise SigningError(N_("The environment variable {var} is not set or empty."),
                           code="signing.passphrase", var=var)
    return value


# -- diff -----------------------------------------------------------------------------------
def cmd_diff(args: argparse.Namespace) -> int:
    from khabar_editor.article.diff import package_diff
    from khabar_editor.package import read_package

    package = read_package(args.file)
    diff = package_diff(package)
    if args.json:
        data = {"file": str(args.file), **(diff.to_json() if diff else {"fields": [], "body": []})}
        print_json(data)
    elif diff is None:
        print(_("{file}: no original kept; nothing to compare.").format(file=args.file))
    else:
        _print_diff(str(args.file), diff)
    return ExitCode.ARTICLE_ERRORS if diff is not None and diff.changed else ExitCode.OK


def _colours() -> tuple[str, str, str]:
    out = sys.stdout
    if out is not None and out.isatty() and not os.environ.get("NO_COLOR"):
        return "\033[31m", "\033[32m", "\033[0m"
    return "", "", ""


def _print_diff(name: str, diff: ArticleDiff) -> None:
    from khabar_editor.article.diff import Op

    red, green, reset = _colours()
    if not diff.changed:
        print(_("{file}: no changes against the original.").format(file=name))
        return
    print(_("{file}: changes against the correspondent's original").format(file=name))
    for change in diff.fields:
        print(f"  {change.field}: {red}{change.before!r}{reset} → {green}{change.after!r}{reset}")
    parts: list[str] = []
    for op in diff.body:
        if op.op is Op.EQUAL:
            text = op.before
            if len(text) > 2 * CONTEXT_TOKENS:
                head = text[:CONTEXT_TOKENS] if parts else ""
                text = head + " … " + text[-CONTEXT_TOKENS:]
            parts.append(text)
            continue
        if op.before:
            parts.append(f"{red}[-{op.before}-]{reset}")
        if op.after:
            parts.append(f"{green}{{+{op.after}+}}{reset}")
    if any(op.op is not Op.EQUAL for op in diff.body):
        print(_("Body:"))
        print("".join(parts).rstrip("\n"))


# -- verify ---------------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    from khabar_editor.package.signing import KeyStore, verify_package

    store = KeyStore(args.keys) if args.keys else KeyStore()
    for path, reason in store.skipped():  # a .pub that is not a key: say so, go on
        error_line(_("Ignored the key file {file}: {reason}").format(file=path, reason=reason))
    results = [verify_package(path, store) for path in args.files]
    if args.json:
        print_json([r.to_json() for r in results])
    else:
        for r in results:
            who = f" ({r.signer})" if r.signer else ""
            print(f"{r.file}: {_(_INTEGRITY[r.integrity.value])}, "
                  f"{_(_SIGNATURE[r.signature.value])}{who}")
            for item in r.problems:
                print(f"  ! {item.message}")
    if any(not r.readable for r in results):
        return ExitCode.UNREADABLE
    return ExitCode.OK if all(r.ok for r in results) else ExitCode.ARTICLE_ERRORS


_INTEGRITY = {"intact": N_("intact"), "changed": N_("changed"), "corrupt": N_("corrupt"),
              "unsafe": N_("unsafe")}
_SIGNATURE = {"valid": N_("signature valid"), "broken": N_("signature broken"),
              "unknown-key": N_("unknown key"), "unsigned": N_("unsigned")}


# -- sign and keys --------------------------------------------------------------------------
def cmd_sign(args: argparse.Namespace) -> int:
    from khabar_editor.package.signing import SigningError, load_signing_key, sign_package

    try:
        key = load_signing_key(args.key, _passphrase(args.passphrase_env))
    except SigningError as exc:
        error_line(str(exc))
        return ExitCode.UNREADABLE
    code = ExitCode.OK
    for path in args.files:
        try:
            sign_package(path, key)
        except KhabarError as exc:
            error_line(f"{path}: {exc}")
            code = max(code, ExitCode.IO_ERROR if exc.code == "package.write_failed"
                       else ExitCode.UNREADABLE)
            continue
        print(_("{file}: signed by {name} (key {key_id})").format(
            file=path, name=key.name, key_id=key.public.key_id))
    return code


def cmd_keys_new(args: argparse.Namespace) -> int:
    from khabar_editor.package.signing import SigningError, generate_key, key_file_name, save_key

    try:
        passphrase = _passphrase(args.passphrase_env)
        key = generate_key(args.name)
        folder = Path(args.output)
        stem_key = folder / f"{key_file_name(key.name)}.key"
        if stem_key.exists():
            error_line(_("'{file}' already exists; it was not replaced.").format(file=stem_key))
            return ExitCode.IO_ERROR
        key_path, pub_path = save_key(key, folder, passphrase=passphrase)
    except SigningError as exc:
        error_line(str(exc))
        return ExitCode.IO_ERROR if exc.code == "signing.write_failed" else ExitCode.USAGE
    print(_("Key {key_id} for {name}: private key {key}, public key {pub} (give the .pub file "
            "to the desk)").format(key_id=key.public.key_id, name=key.name, key=key_path,
                                   pub=pub_path))
    if passphrase is None:
        print(_("Warning: the private key is not protected by a passphrase; keep the file "
                "private."))
    return ExitCode.OK


def cmd_keys_import(args: argparse.Namespace) -> int:
    from khabar_editor.package.signing import KeyStore, SigningError

    store = KeyStore(args.keys) if args.keys else KeyStore()
    code = ExitCode.OK
    for path in args.files:
        try:
            item = store.import_key(path)
        except SigningError as exc:
            error_line(f"{path}: {exc}")
            code = ExitCode.UNREADABLE
            continue
        print(_("Trusted: {name} (key {key_id})").format(name=item.key.name,
                                                        key_id=item.key.key_id))
    return code


def cmd_keys_list(args: argparse.Namespace) -> int:
    from khabar_editor.package.signing import KeyStore

    store = KeyStore(args.keys) if args.keys else KeyStore()
    items = store.keys()
    if args.json:
        print_json([{"name": k.key.name, "key_id": k.key.key_id, "revoked": k.revoked,
                     "file": str(k.path)} for k in items])
        return ExitCode.OK
    if not items:
        print(_("No keys in {folder}.").format(folder=store.folder))
    for k in items:
        state = _("revoked") if k.revoked else _("trusted")
        print(f"{k.key.key_id}  {state:8}  {k.key.name}")
    return ExitCode.OK


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from khabar_editor.package.signing import KeyStore, SigningError

    store = KeyStore(args.keys) if args.keys else KeyStore()
    try:
        item = store.revoke(args.key)
    except SigningError as exc:
        error_line(str(exc))
        return ExitCode.ARTICLE_ERRORS if exc.code == "signing.no_such_key" else ExitCode.IO_ERROR
    print(_("Revoked: {name} (key {key_id})").format(name=item.key.name, key_id=item.key.key_id))
    return ExitCode.OK

"""The vault commands: init, unlock-check, member, datasets, audit, backup, restore, rekey."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from hearth.atomic import write_atomically
from hearth.cli import output, passphrases
from hearth.cli.doctor import add_options as add_doctor_options
from hearth.cli.doctor import run_doctor
from hearth.errors import UsageError, VaultDamaged
from hearth.vault import Role, Vault, restore_backup
from hearth.vault.backup import read_backup
from hearth.vault.members import parse_role

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(func: Command) -> Command:
        COMMANDS[name] = func
        return func

    return register


# ----------------------------------------------------------------- shared steps


def acting_member(args: argparse.Namespace) -> str:
    """Who unlocks: --member, else the vault's owner."""
    if args.member:
        return str(args.member)
    labels = Vault.members_of(args.vault)
    owner = next((label for label in labels if label.role == Role.OWNER.value), None)
    if owner is None:
        raise VaultDamaged("keyslots.json lists no owner.", file="keyslots.json")
    return owner.name


def open_vault(args: argparse.Namespace) -> Vault:
    """Unlock as the acting member, or with the recovery key when --recovery-key-file is given."""
    if args.recovery_key_file is not None:
        return Vault.unlock_with_recovery_key(
            args.vault, passphrases.recovery_key(args.recovery_key_file)
        )
    member = acting_member(args)
    return Vault.unlock(
        args.vault, member, passphrases.current_passphrase(args.passphrase_file, member)
    )


def confirm(args: argparse.Namespace, question: str) -> None:
    """Ask before something that cannot easily be undone; --yes answers for scripts."""
    if args.yes:
        return
    if not passphrases.is_interactive():
        raise UsageError(f"{question} Add --yes to confirm when running without a terminal.")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise UsageError("Nothing was changed.")


# ----------------------------------------------------------------- commands


@command("init")
def init(args: argparse.Namespace) -> int:
    if not args.member:
        raise UsageError("Name the vault's owner: 'hearth init --member YOUR-NAME'.")
    if Vault.exists(args.vault):
        raise UsageError(f"There is already a vault at {args.vault}.")
    kit: Path | None = args.recovery_kit
    if kit is None and not sys.stdout.isatty():
        raise UsageError(
            "Say where to save the recovery kit with --recovery-kit FILE: it is the only way in "
            "if every passphrase is forgotten."
        )
    if kit is not None and kit.exists():
        raise UsageError(f"{kit} already exists; choose a new file for the recovery kit.")
    passphrase = passphrases.new_passphrase(
        args.passphrase_file, passphrases.PASSPHRASE_ENV, args.member
    )
    vault, recovery_key = Vault.create(args.vault, args.member, passphrase)
    with vault:
        owner = vault.member
        assert owner is not None
        if kit is not None:
            write_atomically(kit, recovery_kit_text(args.vault, owner.name, recovery_key).encode())
        if args.json:
            output.emit_json(
                {
                    "vault": str(args.vault),
                    "owner": owner.name,
                    "recovery_kit": str(kit) if kit else None,
                }
            )
            return 0
        output.say(f"Created a vault for {owner.name} at {args.vault}.")
        if kit is not None:
            output.say(
                f"Your recovery kit is in {kit}. Print it, keep it safe, then delete the file."
            )
        else:
            output.say(
                "\nYour recovery key (write it down now; it is shown only once and is the only "
                "way in if every passphrase is forgotten):\n\n    " + recovery_key + "\n"
            )
    return 0


def recovery_kit_text(vault_path: Path, owner: str, recovery_key: str) -> str:
    return (
        "HEARTH RECOVERY KIT\n\n"
        f"Vault folder: {vault_path}\n"
        f"Owner: {owner}\n\n"
        f"Recovery key:\n\n    {recovery_key}\n\n"
        "This key opens your vault if every passphrase is forgotten. Print this page and keep\n"
        "it somewhere safe, away from the computer. Anyone with this key and a copy of the\n"
        "vault folder can read your data.\n\n"
        f"To use it: hearth --vault '{vault_path}' --recovery-key-file KIT member passwd NAME\n"
    )


@command("unlock-check")
def unlock_check(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        problems = vault.integrity_problems()
        if problems:
            raise VaultDamaged(
                f"vault.db is damaged: {problems[0]} ({len(problems)} problem(s) in all).",
                file="vault.db",
            )
        report = vault.verify_audit_log()
        if not report.ok:
            raise VaultDamaged(f"The activity log was altered: {report.problem}.", file="vault.db")
        if args.json:
            output.emit_json(
                {
                    "ok": True,
                    "member": vault.actor,
                    "schema_version": vault.schema_version(),
                    "integrity": "ok",
                    "audit_entries": report.entries,
                }
            )
        else:
            output.say(f"The vault opens for {vault.actor} and passes its integrity check.")
    return 0


@command("member add")
def member_add(args: argparse.Namespace) -> int:
    role = parse_role(args.role)
    with open_vault(args) as vault:
        passphrase = passphrases.new_passphrase(
            args.new_passphrase_file, passphrases.NEW_PASSPHRASE_ENV, args.name
        )
        added = vault.add_member(args.name, role, passphrase)
    return output.finish(
        args.json,
        {"member": {"name": added.name, "role": added.role.value}},
        f"Added {added.name} as {_role_words(added.role)}.",
    )


@command("member list")
def member_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        members = vault.members()
    if args.json:
        output.emit_json(
            {
                "members": [
                    {"name": m.name, "role": m.role.value, "added": m.created_at} for m in members
                ]
            }
        )
    else:
        output.say(
            output.table(
                ["Name", "Role", "Added"], [(m.name, m.role.value, m.created_at) for m in members]
            )
        )
    return 0


@command("member remove")
def member_remove(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        confirm(args, f"Remove {args.name} from this vault? Their passphrase will stop working.")
        vault.remove_member(args.name)
    return output.finish(args.json, {"removed": args.name}, f"Removed {args.name}.")


@command("member passwd")
def member_passwd(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        target = args.name or vault.actor
        if vault.member is None and not args.name:
            raise UsageError("Say whose passphrase to set: 'hearth member passwd NAME'.")
        new = passphrases.new_passphrase(
            args.new_passphrase_file, passphrases.NEW_PASSPHRASE_ENV, target
        )
        vault.change_passphrase(target, new)
    return output.finish(
        args.json, {"changed": target}, f"The passphrase for {target} was changed."
    )


@command("datasets")
def datasets(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = vault.datasets()
    if args.json:
        output.emit_json({"datasets": [d.to_json() for d in found]})
    elif not found:
        output.say("No datasets yet. Import an export with 'hearth import PATH'.")
    else:
        output.say(
            output.table(
                ["Id", "Title", "Source", "Member", "Records", "First", "Last"],
                [(d.id, d.title, d.source, d.member, d.records, d.first, d.last) for d in found],
            )
        )
    return 0


@command("audit verify")
def audit_verify(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        report = vault.verify_audit_log()
    if args.json:
        output.emit_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "problem": report.problem,
                "first_bad_entry": report.first_bad_seq,
            }
        )
    if not report.ok:
        sentence = f"The activity log was altered: {report.problem}."
        sys.stderr.write(sentence + "\n")
        return VaultDamaged.exit_code
    if not args.json:
        output.say(f"The activity log is intact ({report.entries} entries).")
    return 0


@command("backup")
def backup(args: argparse.Namespace) -> int:
    bar = output.ProgressBar()
    with open_vault(args) as vault:
        try:
            made = vault.backup(args.out, progress=bar)
        finally:
            bar.finish()
    return output.finish(args.json, {"backup": str(made)}, f"Backed up the vault to {made}.")


@command("restore")
def restore(args: argparse.Namespace) -> int:
    source: Path = args.backup
    info = read_backup(source)  # a broken backup is refused before any question is asked
    member = args.member or _owner_in_backup(source)
    confirm(
        args,
        f"Replace the vault at {args.vault} with the backup made {info.created_at}? "
        "The current files are kept in its backups folder.",
    )
    passphrase = passphrases.current_passphrase(args.passphrase_file, member)
    with restore_backup(source, args.vault, member, passphrase) as vault:
        actor = vault.actor
    return output.finish(
        args.json,
        {"restored": str(source), "vault": str(args.vault), "member": actor},
        f"Restored the backup made {info.created_at} into {args.vault}.",
    )


def _owner_in_backup(source: Path) -> str:
    labels = Vault.members_of(source)
    owner = next((label for label in labels if label.role == Role.OWNER.value), None)
    if owner is None:
        raise VaultDamaged("The backup's keyslots.json lists no owner.", file="keyslots.json")
    return owner.name


@command("rekey")
def rekey(args: argparse.Namespace) -> int:
    bar = output.ProgressBar()
    with open_vault(args) as vault:
        confirm(args, "Re-encrypt the whole vault under a new key? Backups keep the old key.")
        try:
            vault.rotate_data_key(progress=bar)
        finally:
            bar.finish()
    return output.finish(
        args.json,
        {"rotated": True},
        "The vault is now encrypted under a new key. Every passphrase still works.",
    )


@command("recovery-key")
def new_recovery(args: argparse.Namespace) -> int:
    kit: Path | None = args.recovery_kit
    if kit is None and not sys.stdout.isatty():
        raise UsageError("Say where to save the new recovery kit with --recovery-kit FILE.")
    with open_vault(args) as vault:
        confirm(args, "Make a new recovery key? The one you printed before will stop working.")
        key = vault.replace_recovery_key()
        if kit is not None:
            write_atomically(kit, recovery_kit_text(args.vault, vault.actor, key).encode())
    if args.json:
        output.emit_json({"recovery_kit": str(kit) if kit else None})
    elif kit is not None:
        output.say(
            f"Your new recovery kit is in {kit}. Print it, keep it safe, then delete the file."
        )
    else:
        output.say(f"\nYour new recovery key (write it down now):\n\n    {key}\n")
    return 0


@command("doctor")
def doctor(args: argparse.Namespace) -> int:
    return run_doctor(args, open_vault)


def _role_words(role: Role) -> str:
    return {"owner": "the owner", "adult": "an adult", "child": "a child"}[role.value]


# ----------------------------------------------------------------- the grammar


def add_subcommands(parser: argparse.ArgumentParser, shared: argparse.ArgumentParser) -> None:
    """Declare every command; a command's name in `COMMANDS` is its words joined by a space."""
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=type(parser))

    new_pass = argparse.ArgumentParser(add_help=False)
    new_pass.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the new passphrase from FILE (or ${passphrases.NEW_PASSPHRASE_ENV})",
    )

    def add(
        name: str,
        help_text: str,
        under: argparse._SubParsersAction[argparse.ArgumentParser] | None = None,
        full_name: str | None = None,
        *,
        sets_passphrase: bool = False,
    ) -> argparse.ArgumentParser:
        parents = [shared, new_pass] if sets_passphrase else [shared]
        p = (under or sub).add_parser(name, parents=parents, help=help_text, description=help_text)
        p.set_defaults(command=full_name or name)
        return p

    init_p = add("init", "create a new vault owned by --member NAME")
    init_p.add_argument(
        "--recovery-kit",
        type=Path,
        metavar="FILE",
        help="save the recovery key to FILE (text) instead of showing it",
    )

    add("unlock-check", "check that the vault opens and is intact")

    member_p = sub.add_parser("member", help="add, list, remove members or change a passphrase")
    member_sub = member_p.add_subparsers(
        dest="member_command", metavar="ACTION", required=True, parser_class=type(parser)
    )
    m_add = add(
        "add", "add a household member (owner only)", member_sub, "member add", sets_passphrase=True
    )
    m_add.add_argument("name", metavar="NAME")
    m_add.add_argument("--role", default="adult", help="adult (default) or child")
    add("list", "list the members", member_sub, "member list")
    m_remove = add("remove", "remove a member (owner only)", member_sub, "member remove")
    m_remove.add_argument("name", metavar="NAME")
    m_remove.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    m_passwd = add(
        "passwd",
        "change a passphrase (your own; the owner can set anyone's)",
        member_sub,
        "member passwd",
        sets_passphrase=True,
    )
    m_passwd.add_argument("name", metavar="NAME", nargs="?")

    add("datasets", "list the datasets in the vault")

    audit_p = sub.add_parser("audit", help="check the activity log")
    audit_sub = audit_p.add_subparsers(
        dest="audit_command", metavar="ACTION", required=True, parser_class=type(parser)
    )
    add("verify", "check that no activity entry was edited or removed", audit_sub, "audit verify")

    backup_p = add("backup", "write an encrypted copy of the vault")
    backup_p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="where to put it (default: the vault's backups folder)",
    )

    restore_p = add("restore", "bring back a backup made by 'hearth backup'")
    restore_p.add_argument("backup", type=Path, metavar="BACKUP")
    restore_p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    rekey_p = add("rekey", "re-encrypt the vault under a new key (owner only)")
    rekey_p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    recovery_p = add("recovery-key", "make a new recovery key (owner only)")
    recovery_p.add_argument(
        "--recovery-kit", type=Path, metavar="FILE", help="save the new recovery key to FILE (text)"
    )
    recovery_p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    import_p = add("import", "import exports (Apple Health, ...) into your datasets")
    import_p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    import_p.add_argument(
        "--as", dest="kind", metavar="KIND", help="what the export is, e.g. apple-health"
    )

    add_doctor_options(add("doctor", "check the installation and the vault, printing no secret"))
